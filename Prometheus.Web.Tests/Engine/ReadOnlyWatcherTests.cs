using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Tests.Persistence;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.ReadOnly;

namespace Prometheus.Web.Tests.Engine;

/// <summary>
/// Reads of a store a real (short) serve filled: the saved state published, the fills fed to the live list once; an
/// unchanged store not loaded again, a booking, a checkpoint or a snapshot loaded at the next refresh (SQLite and PostgreSQL).
/// </summary>
public sealed class ReadOnlyWatcherTests
{
    [Fact]
    public async Task A_read_publishes_the_saved_state_and_feeds_new_fills_to_the_dashboard_once()
    {
        var dir = TempFolder.Create();
        var serve = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "4"],
            new Dictionary<string, string?> { ["Prometheus:DataDir"] = dir, ["Prometheus:Paper:BarsPerSecond"] = "400" });
        Assert.True(serve.ExitCode == 0, serve.Error);
        var runtime = new EngineRuntime();
        var events = new EngineEvents(runtime, TimeProvider.System, NullLogger<EngineEvents>.Instance);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Prometheus:DataDir"] = dir }).Build();
        var watcher = new ReadOnlyWatcher(runtime, new EngineOptions(), Options.Create(new StoreOptions()), Options.Create(new ReadOnlyOptions()),
            configuration, TimeProvider.System, events, NullLogger<ReadOnlyWatcher>.Instance);
        var location = new StoreLocation(dir);
        runtime.AttachReadOnly(location);
        LoadedState saved;
        using (var reader = StoreReader.Open(location)) saved = reader.Load();

        watcher.Refresh(location);

        var model = runtime.ReadModel!;
        Assert.True(runtime.Started.IsCompletedSuccessfully);
        Assert.Equal("read-only", runtime.Status.Mode);
        Assert.Equal(saved.Records.Count, model.Status.Trades);
        Assert.Equal(saved.State.Agents.Count(a => a.DiedAtMs is null), model.Ranked.Length);
        Assert.Equal(saved.LastSaveAtMs, model.Status.LastCheckpointAtMs);
        var first = await events.CollectAsync(CancellationToken.None);
        Assert.NotEmpty(first.Fills);
        Assert.Equal(saved.Records[^1].TradeId, first.Fills[^1].TradeId);

        watcher.Refresh(location); // the same save: not rebuilt, no fill posted again
        Assert.Same(model, runtime.ReadModel);
        Assert.Empty((await events.CollectAsync(CancellationToken.None)).Fills);
    }

    [Fact]
    public Task On_SQLite_an_unchanged_store_is_not_loaded_again_and_each_kind_of_save_is() =>
        ReloadsOnlyOnChangeAsync(TempFolder.Create(), database: null);

    [PostgresFact]
    public async Task On_PostgreSQL_an_unchanged_store_is_not_loaded_again_and_each_kind_of_save_is()
    {
        using var database = new PostgresTestDatabase();
        await ReloadsOnlyOnChangeAsync(TempFolder.Create(), database);
    }

    private static async Task ReloadsOnlyOnChangeAsync(string dir, PostgresTestDatabase? database)
    {
        var settings = new Dictionary<string, string?> { ["Prometheus:DataDir"] = dir, ["Prometheus:Paper:BarsPerSecond"] = "400" };
        var storeOptions = new StoreOptions();
        if (database is not null)
        {
            settings["Prometheus:Store:Provider"] = "Postgres";
            settings["Prometheus:Store:ConnectionString"] = database.ConnectionString;
            storeOptions = new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = database.ConnectionString };
        }
        var serve = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "3"], settings);
        Assert.True(serve.ExitCode == 0, serve.Error);
        var runtime = new EngineRuntime();
        var events = new EngineEvents(runtime, TimeProvider.System, NullLogger<EngineEvents>.Instance);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var watcher = new ReadOnlyWatcher(runtime, new EngineOptions(), Options.Create(storeOptions), Options.Create(new ReadOnlyOptions()),
            configuration, TimeProvider.System, events, NullLogger<ReadOnlyWatcher>.Instance);
        var location = storeOptions.Location(dir);
        runtime.AttachReadOnly(location);

        watcher.Refresh(location);
        Assert.Equal(1, watcher.LoadsDone);
        var model = runtime.ReadModel!;
        watcher.Refresh(location); // nothing saved since: the fingerprint says so, nothing is loaded
        watcher.Refresh(location);
        Assert.Equal(1, watcher.LoadsDone);
        Assert.Same(model, runtime.ReadModel);

        LoadedState saved;
        using (var reader = StoreReader.Open(location)) saved = reader.Load();
        var state = saved.State;
        using var store = EngineStore.Open(location, TimeProvider.System, new PersistenceOptions());

        // A booking: one more trade shown.
        var last = saved.Records[^1];
        var ledger = state.Ledgers.Single(l => l.AgentId == last.AgentId);
        var agent = state.Agents.Single(a => a.Id == last.AgentId);
        store.Booked(last with { TradeId = last.TradeId + 1, ExchangeTradeId = "fingerprint-test" }, ledger, agent);
        model = AssertLoadedAndPublished(watcher, runtime, location, model, loads: 2);
        Assert.Equal(saved.Records.Count + 1, model.Status.Trades);

        // A checkpoint: the cycle it saved shown.
        store.Checkpoint(state with { Supervisor = state.Supervisor with { Cycle = state.Supervisor.Cycle + 10 } });
        await store.FlushAsync();
        model = AssertLoadedAndPublished(watcher, runtime, location, model, loads: 3);
        Assert.Equal(state.Supervisor.Cycle + 10, model.Status.Cycle);

        // A snapshot: the restore now starts from it.
        store.Snapshot(state with { Supervisor = state.Supervisor with { Cycle = state.Supervisor.Cycle + 20 } });
        await store.FlushAsync();
        model = AssertLoadedAndPublished(watcher, runtime, location, model, loads: 4);
        Assert.Equal(state.Supervisor.Cycle + 20, model.Status.Cycle);

        watcher.Refresh(location);
        Assert.Equal(4, watcher.LoadsDone);
        Assert.Same(model, runtime.ReadModel);
    }

    private static Prometheus.Engine.Supervision.ReadModel.EngineReadModel AssertLoadedAndPublished(ReadOnlyWatcher watcher, EngineRuntime runtime,
        StoreLocation location, Prometheus.Engine.Supervision.ReadModel.EngineReadModel previous, int loads)
    {
        watcher.Refresh(location);
        Assert.Equal(loads, watcher.LoadsDone);
        var model = runtime.ReadModel!;
        Assert.True(model.Version > previous.Version, "a new model published");
        watcher.Refresh(location); // and once read, not again
        Assert.Equal(loads, watcher.LoadsDone);
        Assert.Same(model, runtime.ReadModel);
        return model;
    }
}
