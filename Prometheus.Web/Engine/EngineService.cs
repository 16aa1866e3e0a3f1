using Microsoft.Extensions.Options;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Engine;

/// <summary>
/// `serve`'s main job: starts the engine on the embedded simulated exchange (fresh, or restored from the data dir
/// through <see cref="EngineStartup"/>), replaying the configured candles at Prometheus:Paper:BarsPerSecond from where
/// the market stood at the last save, and runs its trading loop until the host stops. A stop finishes the current
/// cycle, writes a last checkpoint and flushes it; a failure to start stops the host and is reported by `serve`.
/// </summary>
public sealed class EngineService(
    EngineRuntime runtime,
    EngineResources resources,
    EngineOptions engineOptions,
    IOptions<PaperOptions> paper,
    IOptions<PersistenceOptions> persistence,
    IOptions<RecoveryOptions> recovery,
    IHostApplicationLifetime lifetime,
    ILogger<EngineService> logger,
    Dashboard.EngineEvents events) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TradingLoop loop;
        try
        {
            await Task.Yield(); // let the host finish starting: the engine's start reads the disk
            resources.Open();
            loop = await StartEngineAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The engine could not start: {Message}", e.Message);
            runtime.Fail(e);
            lifetime.StopApplication();
            return;
        }

        try
        {
            await loop.RunAsync(stoppingToken);
            logger.LogInformation("Engine stopped at cycle {Cycle}; last checkpoint saved", loop.Status.Cycle);
        }
        catch (Exception e)
        {
            // A save that failed or an exchange store that broke: trading cannot go on without durability.
            logger.LogCritical(e, "The engine stopped on an error: {Message}", e.Message);
            runtime.Fail(e);
            lifetime.StopApplication();
        }
    }

    private async Task<TradingLoop> StartEngineAsync(CancellationToken ct)
    {
        var exchange = resources.Exchange;
        var feed = resources.Feed;
        var clock = resources.MarketClock;
        var interval = (long)feed.Interval.TotalMilliseconds;

        var started = await EngineStartup.StartAsync(engineOptions, exchange, clock, resources.Wall, new Random(EngineResources.Seed),
            resources.Store, recovery.Value, savedMarketTimeMs =>
            {
                // Resume after the newest bar either side saw: the engine's last save or the exchange's last bar.
                var resumeAfter = Math.Max(savedMarketTimeMs - interval ?? long.MinValue,
                    exchange.LastBarTimestampMs(Instrument.BtcUsdtSwap.InstId) ?? long.MinValue);
                // A first start begins far enough into the file for the indicators to warm up on the bars before it.
                if (resumeAfter == long.MinValue)
                    resumeAfter = feed.FirstTimestampMs + (Math.Min(WarmUpBars(feed.Interval), feed.Count / 2) - 1) * interval;
                feed.SeekAfter(resumeAfter);
                clock.MoveTo(DateTimeOffset.FromUnixTimeMilliseconds(resumeAfter + interval));
            }, ct);

        var supervisor = started.Supervisor;
        supervisor.WarmUp(feed.History(WarmUpBars(feed.Interval)));

        var loop = new TradingLoop(supervisor, feed, bar =>
            {
                exchange.OnBar(Instrument.BtcUsdt.InstId, bar);
                exchange.OnBar(Instrument.BtcUsdtSwap.InstId, bar);
            },
            clock, resources.Wall, paper.Value.BarsPerSecond, persistence.Value.CheckpointEveryCycles,
            TimeSpan.FromMinutes(persistence.Value.SnapshotIntervalMinutes), resources.Store, started.InitialState, "paper");
        loop.StateChanged += (state, reason) => logger.LogInformation("Engine state {State}: {Reason}", state, reason);
        runtime.Attach(loop, exchange, started.Report, "paper", resources.Store);
        events.Attach(supervisor, loop); // the dashboard's events: subscribed before the loop's first cycle

        var report = started.Report;
        logger.LogInformation("Engine started ({Decision}): {Alive} agents alive, {Dead} dead, {Records} ledger records, paper trading on {Data} at {BarsPerSecond} bars/s from {MarketTime:u}",
            report.Decision, report.Counts.AgentsAlive, report.Counts.AgentsDead, report.Counts.PublicLedgerRecords,
            Path.GetFileName(paper.Value.DataPath), paper.Value.BarsPerSecond, clock.GetUtcNow());
        foreach (var skipped in report.Snapshot.Skipped)
            logger.LogWarning("Snapshot {File} not used: {Reason}", skipped.File, skipped.Reason);
        return loop;
    }

    /// <summary>Enough bars to warm the indicators and the regime window after a restore.</summary>
    private int WarmUpBars(TimeSpan interval) =>
        (int)Math.Ceiling((engineOptions.Market.RegimeWindowDays + 1) * TimeSpan.FromDays(1) / interval) + 200;
}
