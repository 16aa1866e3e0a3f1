using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Web.ExchangeSim;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// An exchange-sim server in-process on Kestrel (a free loopback port), paused (bars only when a test pushes them),
/// with its own data folder and a small candle file of round prices (no recorded mark series); and gateway options pointing at it.
/// </summary>
internal sealed class SimServerKit : IAsyncDisposable
{
    public const string ApiKey = "kit-key-0123456789abcdef";
    public const string SecretKey = "kit-SECRET-do-not-print-4f1c";
    public const string Passphrase = "kit-Passphrase-hunter2";

    private SimServerKit(WebApplication app, string dataDir)
    {
        App = app;
        DataDir = dataDir;
        Server = app.Services.GetRequiredService<ExchangeSimServer>();
        BaseUrl = app.Urls.Single();
    }

    public WebApplication App { get; }

    public ExchangeSimServer Server { get; }

    public string DataDir { get; }

    public string BaseUrl { get; }

    public string WsUrl(string endpoint) => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws/v5/" + endpoint;

    public static async Task<SimServerKit> StartAsync(string? dataDir = null, Dictionary<string, string?>? extra = null, TimeProvider? time = null)
    {
        dataDir ??= TempFolder.Create();
        var overrides = new Dictionary<string, string?>
        {
            ["Prometheus:DataDir"] = dataDir,
            ["Prometheus:Sim:Speed"] = "0",
            ["Prometheus:Sim:Data"] = CandleFile(dataDir),
            // Mark price candles from the replayed round prices, not the shipped OKX recording (tests that want one set it).
            ["Prometheus:Sim:MarkSeries"] = "",
            ["Prometheus:Sim:ApiKey"] = ApiKey,
            ["Prometheus:Sim:SecretKey"] = SecretKey,
            ["Prometheus:Sim:Passphrase"] = Passphrase,
            ["Prometheus:Exchange:Simulated:RandomSlippageBps"] = "0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? [])
            overrides[key] = value;
        var app = ExchangeSimHost.Build(["--urls", "http://127.0.0.1:0"], overrides, time);
        await app.StartAsync();
        return new SimServerKit(app, dataDir);
    }

    /// <summary>The arguments that point `serve` at this server in OKX mode: its credentials and its REST and WebSocket addresses.</summary>
    public string[] ServeOkxArgs() =>
    [
        "--Prometheus:Exchange:Mode=Okx",
        $"--Prometheus:Exchange:Okx:ApiKey={ApiKey}",
        $"--Prometheus:Exchange:Okx:SecretKey={SecretKey}",
        $"--Prometheus:Exchange:Okx:Passphrase={Passphrase}",
        $"--Prometheus:Exchange:Okx:BaseUrl={BaseUrl}",
        $"--Prometheus:Exchange:Okx:PublicWsUrl={WsUrl("public")}",
        $"--Prometheus:Exchange:Okx:BusinessWsUrl={WsUrl("business")}",
        $"--Prometheus:Exchange:Okx:PrivateWsUrl={WsUrl("private")}",
    ];

    /// <summary>Gateway options for this server: its credentials, demo, short timeouts and heartbeats.</summary>
    public OkxOptions GatewayOptions(Action<OkxOptions>? configure = null)
    {
        var options = new OkxOptions
        {
            ApiKey = ApiKey,
            SecretKey = SecretKey,
            Passphrase = Passphrase,
            Demo = true,
            BaseUrl = BaseUrl,
            PublicWsUrl = WsUrl("public"),
            BusinessWsUrl = WsUrl("business"),
            PrivateWsUrl = WsUrl("private"),
            RequestTimeoutSeconds = 10,
            MaxRetries = 2,
            RetryBaseDelaySeconds = 0.01,
            RetryMaxDelaySeconds = 0.05,
            ReconnectBaseDelaySeconds = 0.05,
            ReconnectMaxDelaySeconds = 0.2,
        };
        configure?.Invoke(options);
        return options;
    }

    public Task<OkxExchange> GatewayAsync(ILogger? logger = null, Action<OkxOptions>? configure = null, OkxStreams streams = OkxStreams.All, TimeProvider? time = null) =>
        OkxExchange.CreateAsync(GatewayOptions(configure), null, time ?? TimeProvider.System, logger ?? new ListLogger(), CancellationToken.None, streams: streams);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>300 fifteen-minute bars around 40,000 with 50 BTC each: enough history for tickers and candles, fast to load.</summary>
    internal static string CandleFile(string folder)
    {
        var path = Path.Combine(folder, "candles-15m.csv.gz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip);
        writer.WriteLine("ts,open,high,low,close,volume");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < 300; i++)
        {
            var open = 40_000m + (i % 20) * 10m;
            var close = open + 10m;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{start + i * 900_000L},{open},{close + 5m},{open - 5m},{close},50"));
        }
        return path;
    }
}
