using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Web.Engine;
using Prometheus.Web.Hosting;
using Prometheus.Web.Hubs;

namespace Prometheus.Web.Cli;

/// <summary>
/// The dashboard's two waits. A fill to the browser: the real serve host in this process on a loopback port (paper mode,
/// fast replay, <see cref="Agents"/> agents trading), a SignalR client on /hubs/engine signed in with the admin token, and
/// for each fill the time from the Supervisor booking it (its TradeBooked event, on the loop) to the client receiving it
/// (fills the engine throttles away are not counted). A month of history: <see cref="HistoryBench"/>.
/// </summary>
public static class DashboardBench
{
    public const int Agents = 100;
    public const double FillToBrowserTargetMs = 250, HistoryLoadTargetMs = 1_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public static async Task<BenchDashboard> RunAsync(EngineOptions options, int fills = 300, CancellationToken ct = default)
    {
        var history = await HistoryBench.RunAsync(options, Agents, ct: ct);
        var latencies = await FillToBrowserAsync(fills, ct);
        latencies.Sort();
        var (p50, p99) = latencies.Count > 0
            ? (PersistenceBench.Percentile(latencies, 0.50), PersistenceBench.Percentile(latencies, 0.99))
            : (double.NaN, double.NaN);
        return new BenchDashboard(Agents, latencies.Count, p50, p99, FillToBrowserTargetMs, p99 <= FillToBrowserTargetMs,
            history.LoadMs, HistoryLoadTargetMs, history.LoadMs <= HistoryLoadTargetMs, history);
    }

    private static async Task<List<double>> FillToBrowserAsync(int fills, CancellationToken ct)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "prometheus-bench", Guid.NewGuid().ToString("N"));
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Prometheus:DataDir"] = dataDir,
            ["Prometheus:AdminToken"] = token,
            ["Prometheus:Paper:BarsPerSecond"] = "50",
            ["Prometheus:Agents:Initial"] = Agents.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Prometheus:Agents:Max"] = Agents.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Serilog:MinimumLevel:Default"] = "Error",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Error",
        });
        // The host announces its address on the console as it starts; in the middle of the bench's report that line is noise.
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try { await app.StartAsync(ct); }
        finally { Console.SetOut(console); }
        try
        {
            var runtime = app.Services.GetRequiredService<EngineRuntime>();
            await runtime.Started.WaitAsync(TimeSpan.FromSeconds(120), ct);
            if (runtime.Loop is not { } loop)
                throw new InvalidOperationException($"the bench's engine did not start: {runtime.Failure?.Message}");

            var booked = new ConcurrentDictionary<long, long>();
            // Subscribed on the loop, between cycles: the handler runs where the Supervisor books, and only stamps the time.
            await loop.QueryAsync(s =>
            {
                s.TradeBooked += record => booked.TryAdd(record.TradeId, Stopwatch.GetTimestamp());
                return true;
            }, ct);

            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var latencies = new List<double>(fills);
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(new Uri(url), EngineHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            hub.On<JsonElement>("fills", batch =>
            {
                var received = Stopwatch.GetTimestamp();
                lock (latencies)
                {
                    foreach (var fill in batch.GetProperty("items").EnumerateArray())
                        if (booked.TryRemove(fill.GetProperty("tradeId").GetInt64(), out var at))
                            latencies.Add(Stopwatch.GetElapsedTime(at, received).TotalMilliseconds);
                    if (latencies.Count >= fills) enough.TrySetResult();
                }
            });
            await hub.StartAsync(ct);
            await Task.WhenAny(enough.Task, Task.Delay(Budget, ct));
            await hub.StopAsync(CancellationToken.None);
            lock (latencies) return [.. latencies];
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
