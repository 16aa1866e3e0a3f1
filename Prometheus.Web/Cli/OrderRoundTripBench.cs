using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Configuration;
using Prometheus.Web.ExchangeSim;

namespace Prometheus.Web.Cli;

/// <summary>
/// An order's round trip through the real OKX gateway against an exchange-sim server on loopback: the signed POST
/// /api/v5/trade/order, the fill pushed on the private WebSocket's orders channel, and its booking through the
/// Supervisor's booking step (an agent's ledger, in memory). Market orders of one contract, buying and selling in turn.
/// </summary>
public static class OrderRoundTripBench
{
    private const string ApiKey = "bench-key-0123456789", SecretKey = "bench-secret-0123456789", Passphrase = "bench-passphrase";
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(40);

    public static async Task<BenchOrderRoundTrip> RunAsync(EngineOptions options, int orders = 200, CancellationToken ct = default)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "prometheus-bench", Guid.NewGuid().ToString("N"));
        var sim = ExchangeSimHost.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Prometheus:DataDir"] = dataDir,
            ["Prometheus:Sim:ApiKey"] = ApiKey,
            ["Prometheus:Sim:SecretKey"] = SecretKey,
            ["Prometheus:Sim:Passphrase"] = Passphrase,
            ["Prometheus:Sim:Data"] = ShippedData.Resolve(ShippedData.Okx15m),
            ["Serilog:MinimumLevel:Default"] = "Error",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Error",
        });
        await sim.StartAsync(ct);
        try
        {
            var url = sim.Urls.Single();
            var ws = url.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws/v5/";
            await using var gateway = await OkxExchange.CreateAsync(new OkxOptions
            {
                ApiKey = ApiKey, SecretKey = SecretKey, Passphrase = Passphrase, Demo = true, BaseUrl = url,
                PublicWsUrl = ws + "public", BusinessWsUrl = ws + "business", PrivateWsUrl = ws + "private",
            }, handler: null, TimeProvider.System, NullLogger.Instance, ct, streams: OkxStreams.Private);
            var supervisor = new Supervisor(options.WithPopulation(1), gateway, TimeProvider.System, new Random(1));
            await supervisor.StartAsync(ct);
            var agent = supervisor.Living.Single();
            var instrument = agent.Instrument;
            var size = instrument.Kind == InstrumentKind.Swap ? 1m : 0.0001m;

            var times = new List<double>(orders);
            for (var i = 0; i < orders + 10; i++)
            {
                // OKX allows 60 orders per 2 s on an instrument: a latency measure stays well inside it.
                await Task.Delay(Pace, ct);
                var side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell;
                var clOrdId = $"p{agent.Id}x{i + 1}";
                var started = Stopwatch.GetTimestamp();
                var ack = await gateway.PlaceOrderAsync(new OrderRequest(instrument.InstId, clOrdId, side, PositionSide.Long, OrderType.Market, size), ct);
                if (!ack.Accepted)
                    throw new InvalidOperationException($"exchange-sim refused the bench's order: {ack.Code} {ack.Message}");
                var fill = await NextFillAsync(gateway, clOrdId, ct);
                supervisor.BookCorrection(agent.Id, fill, TradeOrigin.Decision, 0);
                if (i >= 10) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); // the first ten warm up
            }
            times.Sort();
            return new BenchOrderRoundTrip(orders, PersistenceBench.Percentile(times, 0.50), PersistenceBench.Percentile(times, 0.99));
        }
        finally
        {
            await sim.StopAsync(CancellationToken.None);
            await sim.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<ExchangeFill> NextFillAsync(OkxExchange gateway, string clOrdId, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var fill = await gateway.Fills.ReadAsync(timeout.Token);
            if (fill.ClOrdId == clOrdId) return fill;
        }
    }
}
