using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Tests.Supervision;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>
/// A lived-in engine saving to a real <see cref="EngineStore"/> in a temporary data dir (on SQLite, or on a PostgreSQL
/// database of its own: <see cref="TestStore"/>): seeded at its start, then
/// every booking, birth, death and journal entry written as the engine makes it, a checkpoint every few bars and a
/// snapshot now and then, as the trading loop does.
/// </summary>
internal sealed class StoreScenario : IDisposable
{
    private readonly TestStore _database;

    public StoreScenario(Action<Engine.Configuration.EngineOptions>? configure = null, int agents = 10, PersistenceOptions? persistence = null,
        StoreProvider provider = StoreProvider.Sqlite)
    {
        _database = new TestStore(provider);
        DataDir = _database.Location.DataDir;
        Engine = new SupervisorScenario(o =>
        {
            o.Evolution.GraceHours = 6;
            o.Evolution.CullFraction = 0.9;
            o.Agents.LastStandThreshold = 0.98m;
            o.Agents.LastStandHours = 48;
            configure?.Invoke(o);
        }, agents: agents);
        Persistence = persistence ?? new PersistenceOptions();
        Store = EngineStore.Open(Location, Engine.Clock, Persistence);
        Store.Seed(Engine.Supervisor.CaptureSnapshot(), []);
        Engine.Supervisor.AttachStore(Store);
    }

    public string DataDir { get; }
    public StoreLocation Location => _database.Location;
    public SupervisorScenario Engine { get; }
    public PersistenceOptions Persistence { get; }
    public EngineStore Store { get; private set; }
    public Supervisor Supervisor => Engine.Supervisor;

    /// <summary>Steps bar by bar, a checkpoint every 5 and a snapshot every <paramref name="snapshotEvery"/> bars, until the condition holds.</summary>
    public async Task RunUntilAsync(Func<Supervisor, bool> condition, int snapshotEvery = 400, int maxBars = 15_000)
    {
        for (var i = 1; i <= maxBars && !condition(Supervisor); i++)
        {
            await Engine.StepAsync();
            if (i % 5 == 0) Store.Checkpoint(Supervisor.CaptureCheckpoint());
            if (i % snapshotEvery == 0) Store.Snapshot(Supervisor.CaptureSnapshot());
        }
        Assert.True(condition(Supervisor), $"condition not reached within {maxBars} bars");
    }

    /// <summary>A graceful stop: a last checkpoint, everything flushed.</summary>
    public async Task StopAsync()
    {
        Store.Checkpoint(Supervisor.CaptureCheckpoint());
        await Store.FlushAsync();
    }

    /// <summary>Closes the store as a process exit would (nothing more is written) and reopens the data dir.</summary>
    public StoreReader Reopen()
    {
        Store.Dispose();
        return StoreReader.Open(Location);
    }

    public void Dispose()
    {
        Store.Dispose();
        _database.Dispose();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
