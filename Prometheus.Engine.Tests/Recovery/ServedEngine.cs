using Prometheus.Engine.Startup;
using Microsoft.Data.Sqlite;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Recovery;

/// <summary>
/// The engine started the way `serve` starts it, in process: its store in a data dir, <see cref="EngineStartup"/>, the
/// paper market's <see cref="ReplayFeed"/> resumed where the saved state says, the indicators warmed up, the
/// <see cref="TradingLoop"/> running with the store as its checkpoint sink. The simulated exchange lives in memory across
/// restarts, as a real exchange outlives its client. A kill is <see cref="KilledCopy"/>: what the data dir holds at that
/// instant (a consistent copy of the committed database and the snapshot files), for a restart to start from.
/// </summary>
internal sealed class ServedEngine : IAsyncDisposable
{
    private static readonly Lazy<Candle[]> Candles = new(() =>
        CandleFileReader.Read(TestData.Path(TestData.Okx15m)).Take(20_000).ToArray());

    private readonly CurrentClock _exchangeClock = new();
    private CancellationTokenSource? _stop;

    private readonly Tests.Persistence.TestStore _database;
    /// <summary>On PostgreSQL, the killed copies' databases by their data dir (dropped with the engine).</summary>
    private readonly Dictionary<string, Tests.Persistence.PostgresTestDatabase> _copies = [];

    public ServedEngine(Action<EngineOptions>? configure = null, PersistenceOptions? persistence = null, int agents = 8, int seed = 17,
        StoreProvider provider = StoreProvider.Sqlite)
    {
        Options = new EngineOptions
        {
            Market = new MarketOptions { RegimeWindowDays = 1 },
            Agents = new AgentOptions { Initial = agents, Max = agents },
        };
        Options.Simulated.InitialBalance = Options.Mastermind.TotalCapital;
        Options.Simulated.RandomSlippageBps = 0m;
        configure?.Invoke(Options);
        Persistence = persistence ?? new PersistenceOptions();
        Seed = seed;
        Exchange = new SimulatedExchange(Options.Simulated, _exchangeClock, new Random(seed));
        _database = new Tests.Persistence.TestStore(provider, NewDir());
        DataDir = _database.Location.DataDir;
    }

    public EngineOptions Options { get; }
    public PersistenceOptions Persistence { get; }
    public int Seed { get; }
    public SimulatedExchange Exchange { get; }
    /// <summary>The data dir the engine runs on (a restart may move it to a killed copy).</summary>
    public string DataDir { get; private set; }
    /// <summary>The store the engine runs on: <see cref="DataDir"/>'s SQLite file, or the test's PostgreSQL database.</summary>
    public StoreLocation Location => _database.Location.IsPostgres
        ? new StoreLocation(DataDir, StoreProvider.Postgres, _copies.TryGetValue(DataDir, out var copy) ? copy.ConnectionString : _database.Location.ConnectionString)
        : new StoreLocation(DataDir);
    public EngineStore? Store { get; private set; }
    public StartedEngine? Started { get; private set; }
    public TradingLoop? Loop { get; private set; }
    public Task? Run { get; private set; }
    /// <summary>Open times of the bars this start has fed to the engine, in order.</summary>
    public List<long> Bars { get; } = [];
    /// <summary>Open time of the bar the market resumed after (null on a first start).</summary>
    public long? ResumedAfter { get; private set; }

    /// <summary>
    /// Starts (fresh, or restored from <see cref="DataDir"/>) and runs the loop at 20,000 bars a second. With
    /// <paramref name="exchangeBars"/> false the market resumes from the engine's saved state alone, not also after the
    /// exchange's last bar (as `serve` does): the engine's own memory is what is under test.
    /// </summary>
    public async Task<StartedEngine> StartAsync(bool exchangeBars = true, Func<Task>? beforeRun = null)
    {
        Bars.Clear();
        Store = EngineStore.Open(Location, TimeProvider.System, Persistence);
        var clock = new MarketClock(DateTimeOffset.UnixEpoch);
        _exchangeClock.Clock = clock;
        var feed = new ReplayFeed(Candles.Value);
        var interval = (long)feed.Interval.TotalMilliseconds;
        var warmUp = (int)Math.Ceiling((Options.Market.RegimeWindowDays + 1) * TimeSpan.FromDays(1) / feed.Interval) + 200;
        var started = await EngineStartup.StartAsync(Options, Exchange, clock, TimeProvider.System, Seed, Store, new RecoveryOptions(), saved =>
        {
            var after = feed.Resume(saved, exchangeBars ? Exchange.LastBarTimestampMs(TestInstruments.BtcUsdtSwap.InstId) : null, warmUp);
            ResumedAfter = saved is null ? null : after;
            clock.MoveTo(DateTimeOffset.FromUnixTimeMilliseconds(after + interval));
        });
        started.Supervisor.WarmUp(feed.History(warmUp));
        Loop = new TradingLoop(started.Supervisor, feed, bar =>
        {
            Bars.Add(bar.TimestampMs);
            Exchange.OnBar(TestInstruments.BtcUsdt.InstId, bar);
            Exchange.OnBar(TestInstruments.BtcUsdtSwap.InstId, bar);
        }, clock, TimeProvider.System, barsPerSecond: 20_000, Persistence.CheckpointEveryCycles, Store.SnapshotSchedule(started.Supervisor.Cycle),
            Store, started.InitialState, "paper") { Reconciliation = started.Reconciliation };
        Started = started;
        if (beforeRun is not null) await beforeRun();
        _stop = new CancellationTokenSource();
        Run = Loop.RunAsync(_stop.Token);
        return started;
    }

    /// <summary>Waits (at most 60 s) until <paramref name="condition"/>, read on the loop, holds.</summary>
    public async Task UntilAsync(Func<Supervisor, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await Loop!.QueryAsync(condition))
        {
            if (Run!.IsCompleted) await Run; // the loop died: say why
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 60 s");
            await Task.Delay(5);
        }
    }

    /// <summary>A graceful stop: the loop finishes its cycle, saves a last checkpoint, flushes; the store is closed.</summary>
    public async Task StopAsync()
    {
        if (_stop is not null && Run is not null && !Run.IsCompleted)
        {
            await _stop.CancelAsync();
            await Run;
        }
        Store?.Dispose();
        Store = null;
    }

    /// <summary>
    /// After the loop died (a crash point): what it wrote is on disk; the store is closed as the process exit would close
    /// it (a checkpoint already handed to the background writer may or may not have made it: either is a possible crash).
    /// </summary>
    public async Task<Exception> DiedAsync()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Run!);
        Store?.Dispose();
        Store = null;
        return error;
    }

    /// <summary>
    /// What a kill -9 at this instant would leave: a copy of the committed database (SQLite's online backup, consistent)
    /// and of the snapshot files, in a new data dir. The engine running here goes on; restart from the copy with
    /// <see cref="UseDataDir"/>.
    /// </summary>
    public string KilledCopy()
    {
        var copy = NewDir();
        Directory.CreateDirectory(copy);
        if (Location.IsPostgres)
            _copies[copy] = Tests.Persistence.PostgresTestDatabase.CopyOf(Location.ConnectionString!);
        else
        {
            using var source = new SqliteConnection(new SqliteConnectionStringBuilder
                { DataSource = Path.Combine(DataDir, EngineStore.FileName), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            using var target = new SqliteConnection(new SqliteConnectionStringBuilder
                { DataSource = Path.Combine(copy, EngineStore.FileName), Pooling = false }.ToString());
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        var snapshots = Path.Combine(DataDir, SnapshotFiles.Folder);
        Directory.CreateDirectory(Path.Combine(copy, SnapshotFiles.Folder));
        foreach (var file in Directory.EnumerateFiles(snapshots))
            File.Copy(file, Path.Combine(copy, SnapshotFiles.Folder, Path.GetFileName(file)));
        return copy;
    }

    public void UseDataDir(string dataDir) => DataDir = dataDir;

    public StoreReader Reader() => StoreReader.Open(Location);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception)
        {
            // the loop died already (a crash test): nothing more to stop
            Store?.Dispose();
        }
        foreach (var copy in _copies.Values) copy.Dispose();
        _database.Dispose();
    }

    private static string NewDir() => Path.Combine(Path.GetTempPath(), "prometheus-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The exchange's clock: the market clock of whichever start is running (each start has its own, as each process does).</summary>
    private sealed class CurrentClock : TimeProvider
    {
        public MarketClock Clock { get; set; } = new(DateTimeOffset.UnixEpoch);
        public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();
    }
}
