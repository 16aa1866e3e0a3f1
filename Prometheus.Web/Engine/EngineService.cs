using Microsoft.Extensions.Options;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated.Faults;
using Prometheus.Engine.Market;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Startup;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Engine;

/// <summary>
/// `serve`'s main job: starts the engine (fresh, or restored from the data dir through <see cref="EngineStartup"/>) on
/// the exchange Prometheus:Exchange:Mode names — the embedded simulated exchange replaying the configured candles at
/// Prometheus:Paper:BarsPerSecond, or OKX through the V5 gateway (demo, live, or an exchange-sim server) with its
/// closed bars — and runs its trading loop until the host stops. A stop finishes the current cycle, writes a last
/// checkpoint and flushes it; a failure to start stops the host and is reported by `serve`.
/// </summary>
public sealed class EngineService(
    EngineRuntime runtime,
    EngineResources resources,
    EngineOptions engineOptions,
    IOptions<PaperOptions> paper,
    IOptions<PersistenceOptions> persistence,
    IOptions<RecoveryOptions> recovery,
    IOptions<OkxOptions> okx,
    IHostApplicationLifetime lifetime,
    ILogger<EngineService> logger,
    Dashboard.EngineEvents events,
    IEnumerable<Observability.IEngineWatcher> watchers) : BackgroundService
{
    /// <summary>How long OKX keeps fills (GET /trade/fills: 3 days): beyond it reconciliation says the window is incomplete.</summary>
    private static readonly TimeSpan OkxFillRetention = TimeSpan.FromDays(3);

    /// <summary>Where the engine trades and how its market moves.</summary>
    private sealed record Market(IExchange Exchange, IBarFeed Feed, Action<Candle> OnBar, Action<long?> Position, string Mode,
        TimeSpan? FillRetention, double BarsPerSecond, string Describe);

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

    /// <summary>How long disposing waits for the loop still finishing its cycle and last checkpoint.</summary>
    private static readonly TimeSpan LoopEndWait = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The host's shutdown timeout can pass while the last cycle or checkpoint is still running (a starved disk); the
    /// store and the dashboard's events are disposed after this service, so it waits for the loop to end rather than
    /// pull them from under it.
    /// </summary>
    public override void Dispose()
    {
        if (ExecuteTask is { IsCompleted: false } running && !running.Wait(LoopEndWait))
            logger.LogError("The engine loop had not ended {Seconds} s after the stop; its store is closed under it", LoopEndWait.TotalSeconds);
        base.Dispose();
    }

    private async Task<TradingLoop> StartEngineAsync(CancellationToken ct)
    {
        var market = resources.Mode == ExchangeMode.Okx ? await ConnectOkxAsync(ct) : Simulated();
        var clock = resources.MarketClock;
        var started = await EngineStartup.StartAsync(engineOptions, market.Exchange, clock, resources.Wall, resources.Seed,
            resources.Store, recovery.Value, market.Position, ct, market.FillRetention);

        var supervisor = started.Supervisor;
        WarmUp(supervisor, market.Feed);
        var loop = EngineComposition.Loop(supervisor, market.Feed, market.OnBar, clock, resources.Wall, market.BarsPerSecond,
            persistence.Value.CheckpointEveryCycles, resources.Store.SnapshotSchedule(supervisor.Cycle), resources.Store,
            started.InitialState, market.Mode);
        loop.StateChanged += (state, reason) => logger.LogInformation("Engine state {State}: {Reason}", state, reason);
        loop.CycleFailed += e => logger.LogWarning("A cycle met an exchange failure; the engine goes on: {Message}", e.Message);
        supervisor.ExchangeFailed += e => logger.LogWarning("Exchange call failed (asked again next cycle): {Message}", e.Message);
        loop.Reconciliation = started.Reconciliation;
        started.Reconciliation.Found += item => logger.LogWarning("Reconciliation {Kind} ({Case}): {Detail}{Correction}",
            item.Kind, item.Case, item.Detail, item.Correction is { } c ? $" -> {c}" : "");
        runtime.Attach(loop, market.Exchange, started.Report, market.Mode, resources.Store, started.Reconciliation);
        events.Attach(supervisor, loop); // the dashboard's events: subscribed before the loop's first cycle
        started.Reconciliation.Found += events.PublishFinding;
        var hooks = new Observability.EngineHooks(supervisor, loop, started.Reconciliation, market.Exchange as OkxExchange);
        foreach (var watcher in watchers) watcher.Attach(hooks); // metrics and alerts: before the loop's first cycle too
        runtime.MarkStarted(); // after the events read the store's history, so a page opened once started lists it

        var report = started.Report;
        logger.LogInformation("Engine started ({Decision}): {Alive} agents alive, {Dead} dead, {Records} ledger records, {Market} from {MarketTime:u}, seed {Seed}",
            report.Decision, report.Counts.AgentsAlive, report.Counts.AgentsDead, report.Counts.PublicLedgerRecords, market.Describe, clock.GetUtcNow(), report.Seed);
        foreach (var skipped in report.Snapshot.Skipped)
            logger.LogWarning("Snapshot {File} not used: {Reason}", skipped.File, skipped.Reason);
        return loop;
    }

    /// <summary>The embedded exchange, through the fault injector so /api/sim/faults exercises the real path.</summary>
    private Market Simulated()
    {
        var simulated = resources.Exchange!;
        var feed = resources.Feed!;
        var clock = resources.MarketClock;
        var interval = (long)feed.Interval.TotalMilliseconds;
        return new Market(new FaultInjectingExchange(simulated), feed,
            bar =>
            {
                // A replay of several series moves each instrument by its own bar (one not traded, by its coin's).
                var row = feed.BarsByTraded;
                foreach (var instrument in engineOptions.Listed)
                    simulated.OnBar(instrument.InstId, row is null ? bar : row[ReplayMarket.TradedIndexFor(engineOptions, instrument)]);
            },
            savedMarketTimeMs =>
            {
                var resumeAfter = feed.Resume(savedMarketTimeMs, simulated.LastBarTimestampMs(engineOptions.PrimarySwap.InstId), WarmUpBars(feed.Interval));
                clock.MoveTo(DateTimeOffset.FromUnixTimeMilliseconds(resumeAfter + interval));
            },
            "paper", FillRetention: null, paper.Value.BarsPerSecond,
            $"paper trading on {PaperFiles()} at {paper.Value.BarsPerSecond} bars/s");
    }

    private string PaperFiles() => paper.Value.Series is { Length: > 0 } series
        ? string.Join(", ", series.Select(s => $"{Path.GetFileName(s.DataPath)} ({s.Instrument})"))
        : Path.GetFileName(paper.Value.DataPath);

    /// <summary>OKX through the V5 gateway: the market is OKX's closed bars of the swap, as they come.</summary>
    private async Task<Market> ConnectOkxAsync(CancellationToken ct)
    {
        var options = okx.Value;
        var gateway = await OkxExchange.CreateAsync(options, handler: null, resources.Wall, logger, ct,
            [.. engineOptions.Traded.Select(i => i.InstId)], catalog: engineOptions.Instruments);
        resources.Connections.Add(gateway);
        var warmUpBars = WarmUpBars(OkxBars.TryGetLength(options.CandleBar, out var bar) ? bar : TimeSpan.FromMinutes(15));
        var coins = engineOptions.Traded.Select(i => i.BaseCcy).Distinct().ToList();
        // One coin: the primary swap's bars price every traded instrument. Several: each coin's own bars (its first traded
        // swap's, else its first traded instrument's), aligned by bar time.
        var feed = coins.Count == 1
            ? await OkxBarFeed.StartAsync(gateway, engineOptions.PrimarySwap.InstId, warmUpBars, logger, ct)
            : await OkxBarFeed.StartAlignedAsync(gateway, [.. coins.Select(SeriesOf)], [.. engineOptions.Traded.Select(i => coins.IndexOf(i.BaseCcy))],
                warmUpBars, resources.Wall, logger, ct);
        resources.Connections.Add(feed);
        var clock = resources.MarketClock;
        var mode = options.IsLive ? "live" : "demo";
        return new Market(gateway, feed, _ => { },
            // The market does not wait for the engine: it resumes after the newest closed bar, whatever was saved.
            _ => clock.MoveTo(DateTimeOffset.FromUnixTimeMilliseconds((feed.LastClosedMs ?? resources.Wall.GetUtcNow().ToUnixTimeMilliseconds()) + (long)feed.Interval.TotalMilliseconds)),
            mode, OkxFillRetention, BarsPerSecond: 10_000,
            $"trading on OKX ({mode}, {options.ResolvedBaseUrl}) with {options.CandleBar} bars");
    }

    /// <summary>The instrument whose OKX bars price <paramref name="coin"/>: its first traded swap, else its first traded instrument.</summary>
    private string SeriesOf(string coin) =>
        (engineOptions.Traded.FirstOrDefault(i => i.BaseCcy == coin && i.Kind == InstrumentKind.Swap) ?? engineOptions.Traded.First(i => i.BaseCcy == coin)).InstId;

    /// <summary>The indicators read the bars before the first traded one: each traded instrument's own when the feed has several series.</summary>
    private void WarmUp(Supervisor supervisor, IBarFeed feed)
    {
        var count = WarmUpBars(feed.Interval);
        if (feed.BarsByTraded is null)
        {
            supervisor.WarmUp(feed.History(count));
            return;
        }
        var histories = engineOptions.Traded.Select((_, t) => feed.History(count, t)).ToList();
        var row = new Candle[histories.Count];
        for (var i = 0; i < histories.Min(h => h.Count); i++)
        {
            for (var t = 0; t < row.Length; t++) row[t] = histories[t][i];
            supervisor.WarmUpAligned(row);
        }
    }

    /// <summary>Enough bars to warm the indicators and the regime window.</summary>
    private int WarmUpBars(TimeSpan interval) =>
        (int)Math.Ceiling((engineOptions.Market.RegimeWindowDays + 1) * TimeSpan.FromDays(1) / interval) + 200;
}
