using Microsoft.Extensions.Options;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Engine;

/// <summary>
/// `serve`'s main job: builds the engine on the embedded simulated exchange, replaying the configured candles at
/// Prometheus:Paper:BarsPerSecond, and runs its trading loop until the host stops (a stop finishes the current
/// cycle and saves).
/// </summary>
public sealed class EngineService(
    EngineRuntime runtime,
    EngineOptions engineOptions,
    IOptions<PaperOptions> paper,
    IOptions<PersistenceOptions> persistence,
    IOptions<RecoveryOptions> recovery,
    ILogger<EngineService> logger) : BackgroundService
{
    private const int Seed = 42;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TradingLoop loop;
        try
        {
            loop = await StartEngineAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The engine could not start");
            runtime.Fail(e);
            throw;
        }
        await loop.RunAsync(stoppingToken);
        logger.LogInformation("Engine stopped at cycle {Cycle}", loop.Status.Cycle);
    }

    private async Task<TradingLoop> StartEngineAsync(CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        var feed = new ReplayFeed(CandleFileReader.Read(paper.Value.DataPath));
        var marketClock = new ReplayClock(DateTimeOffset.FromUnixTimeMilliseconds(feed.FirstTimestampMs));
        var exchange = new SimulatedExchange(engineOptions.Simulated, marketClock, new Random(Seed ^ 0x5EED));
        var supervisor = new Supervisor(engineOptions, exchange, marketClock, new Random(Seed));
        await supervisor.StartAsync(ct);

        var report = RecoveryReportBuilder.Build(supervisor, TimeProvider.System.GetUtcNow(),
            TimeProvider.System.GetElapsedTime(started).TotalMilliseconds, freshStart: true, lastSaveAtMs: null,
            new RecoverySnapshotUse(null, []), exchangeFills: null, recovery.Value.AutoResumeWhenClean);
        var loop = new TradingLoop(supervisor, feed, bar =>
            {
                exchange.OnBar(Instrument.BtcUsdt.InstId, bar);
                exchange.OnBar(Instrument.BtcUsdtSwap.InstId, bar);
            },
            marketClock, TimeProvider.System, paper.Value.BarsPerSecond, persistence.Value.CheckpointEveryCycles,
            TimeSpan.FromMinutes(persistence.Value.SnapshotIntervalMinutes), sink: null, EngineState.Running, "paper");
        loop.StateChanged += (state, reason) => logger.LogInformation("Engine state {State}: {Reason}", state, reason);
        runtime.Attach(loop, exchange, report, "paper");
        logger.LogInformation("Engine started ({Decision}): {Agents} agents, paper trading on {Data} at {BarsPerSecond} bars/s",
            report.Decision, supervisor.Living.Count, Path.GetFileName(paper.Value.DataPath), paper.Value.BarsPerSecond);
        return loop;
    }
}
