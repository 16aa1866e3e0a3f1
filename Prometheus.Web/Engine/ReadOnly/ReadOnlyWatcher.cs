using Prometheus.Engine.Market;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;
using Prometheus.Web.Cli;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Engine.ReadOnly;

/// <summary>
/// `serve --read-only`'s job in place of the engine service: every Prometheus:ReadOnly:RefreshSeconds it reads the store's
/// <see cref="StoreFingerprint"/> (one cheap statement) and, when it moved since the last read, restores the store's latest
/// save (the newest snapshot and the journal after it, as a restart does) into a Supervisor that has no exchange and
/// never runs a cycle, builds the read model from it and publishes it through <see cref="EngineRuntime"/>.
/// It takes no lease or lock and opens only read-only connections, so it may run beside the engine, or on another
/// machine against the same PostgreSQL database. A read that fails (the store mid-change, the database away) keeps the
/// last model shown and is tried again at the next refresh.
/// </summary>
public sealed class ReadOnlyWatcher(
    EngineRuntime runtime,
    EngineOptions engineOptions,
    IOptions<StoreOptions> storeOptions,
    IOptions<ReadOnlyOptions> options,
    IConfiguration configuration,
    TimeProvider wall,
    Dashboard.EngineEvents events,
    ILogger<ReadOnlyWatcher> logger) : BackgroundService
{
    /// <summary>What the status calls the mode of a read-only host.</summary>
    public const string Mode = "read-only";

    /// <summary>The store's newest fills the first read gives the dashboard's live list: one batch, so none is dropped.</summary>
    private const int FirstFillsShown = Dashboard.EngineEvents.MaxFillsPerUpdate;

    private long _version;
    private StoreFingerprint? _lastRead;
    private long _lastTradeShown = -1;
    private int _loadsDone;

    /// <summary>How many times a refresh loaded the save: one that finds the store's fingerprint unchanged loads nothing.</summary>
    internal int LoadsDone => Volatile.Read(ref _loadsDone);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting: a read goes to the disk or the network
        var location = storeOptions.Value.Location(DataDirectory.Resolve(configuration));
        runtime.AttachReadOnly(location);
        logger.LogInformation("Read-only dashboard: watching {Store} every {Seconds} s; no engine runs here", location.Describe(),
            options.Value.RefreshSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), wall);
        do
        {
            try
            {
                Refresh(location);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Read-only dashboard: the store could not be read ({Message}); the last state read stays shown", e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Restores the latest save and publishes it; does nothing when no save is there yet, or when the store's fingerprint
    /// is the one of the save shown (a few index lookups instead of loading every trade again).
    /// </summary>
    internal void Refresh(StoreLocation location)
    {
        if (!location.Exists) return; // the engine has not created its store yet
        var started = wall.GetTimestamp();
        LoadedState loaded;
        StoreFingerprint fingerprint;
        using (var reader = StoreReader.Open(location))
        {
            // Read before the load, so the load holds at least what it names: a save committed in between is loaded now and,
            // the fingerprint having moved past this one, loaded once more at the next refresh; never missed.
            fingerprint = reader.Fingerprint();
            if (!fingerprint.HasSavedState) return;
            if (fingerprint == _lastRead && runtime.ReadModel is not null) return;
            loaded = reader.Load();
            Interlocked.Increment(ref _loadsDone);
        }

        var random = loaded.State.Supervisor.Seed is { } seed ? RandomSource.PerCycle(seed) : RandomSource.Sequential(new Random(0));
        var market = new MarketClock(DateTimeOffset.FromUnixTimeMilliseconds(loaded.State.TakenAtMs));
        var s = Supervisor.Restore(engineOptions, new OfflineExchange(engineOptions.Traded), market, random, loaded.State, loaded.Records, loaded.Funding);
        var savedAt = loaded.LastSaveAtMs is { } at ? $"{DateTimeOffset.FromUnixTimeMilliseconds(at):u}" : "an unknown time";
        var status = new EngineStatus(s.Paused ? EngineState.Paused : EngineState.Running,
            $"read-only: the engine's state as saved at {savedAt} in {location.Describe()}", Mode, s.Cycle, s.Equity,
            s.Ledger.PrivateLedgers.Values.Sum(l => l.UnrealizedPnl(s.Marks)), s.Living.Count, s.Agents.Count - s.Living.Count,
            s.Market.Regime, s.Ledger.Records.Count, s.Births, s.Deaths, loaded.LastSaveAtMs, s.Market.TimestampMs, 0,
            s.SystemRisk.State.ToString());
        // A builder per read: it keeps what it built for one Supervisor, and each read is a new one.
        var model = new ReadModelBuilder().Build(s, status, reconciliation: null, wall.GetUtcNow().ToUnixTimeMilliseconds());
        runtime.PublishReadOnly(model with { Version = ++_version });
        _lastRead = fingerprint;
        ShowNewFills(loaded.Records);
        logger.LogDebug("Read-only: the save of {SavedAt} read ({Records} trade records, {Events} events replayed) in {Ms:F0} ms",
            savedAt, loaded.Records.Count, loaded.EventsReplayed, wall.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// The dashboard's live fill list is fed by the engine's booking events, which a read-only host never gets: the fills
    /// that appeared in the store since the last read are posted to it instead (the newest ones at the first read).
    /// </summary>
    private void ShowNewFills(IReadOnlyList<Prometheus.Engine.Ledger.TradeRecord> records)
    {
        var start = records.Count;
        while (start > 0 && records[start - 1].TradeId > _lastTradeShown) start--;
        if (_lastTradeShown < 0) start = Math.Max(start, records.Count - FirstFillsShown);
        for (var i = start; i < records.Count; i++) events.Post(records[i]);
        if (records.Count > 0) _lastTradeShown = Math.Max(_lastTradeShown, records[^1].TradeId);
    }
}
