using Prometheus.Engine.Startup;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Tests.Persistence;

namespace Prometheus.Engine.Tests.Recovery;

/// <summary>One start path: a fresh start is saved at once; a restore rebuilds everything and waits for a person.</summary>
public class EngineStartupTests
{
    private static Task<StartedEngine> StartAsync(StoreScenario s, EngineStore store, bool autoResume = false) =>
        EngineStartup.StartAsync(s.Engine.Options, s.Engine.Exchange, s.Engine.Clock, s.Engine.Clock, seed: 3, store,
            new RecoveryOptions { AutoResumeWhenClean = autoResume }, _ => { });

    /// <summary>
    /// What is compared after a restore: the whole state but its capture time; the scenario's engine draws from a generator
    /// given whole (no seed), so the restart goes on with the seed it was given, which it then keeps.
    /// </summary>
    private static EngineSnapshot Saved(Supervisor supervisor, int seed)
    {
        var snapshot = supervisor.CaptureSnapshot();
        return snapshot with { TakenAtMs = 0, Supervisor = snapshot.Supervisor with { Seed = seed } };
    }

    [Fact]
    public async Task A_first_start_with_no_data_saves_its_founders_before_trading_and_runs()
    {
        var dir = Path.Combine(Path.GetTempPath(), "prometheus-tests", Guid.NewGuid().ToString("N"));
        var options = new EngineOptions();
        var clock = new ManualTimeProvider();
        using var store = EngineStore.Open(dir, clock, new PersistenceOptions());
        long? marketAt = 0;

        var started = await EngineStartup.StartAsync(options, new SimulatedExchange(options.Simulated, clock, new Random(1)), clock, clock,
            seed: 1, store, new RecoveryOptions(), at => marketAt = at);

        Assert.Null(marketAt);
        Assert.Equal(EngineState.Running, started.InitialState);
        Assert.True(started.Report.FreshStart);
        Assert.False(started.Report.DecisionRequired);
        Assert.Equal(options.Agents.Initial, started.Report.Counts.AgentsAlive);
        using var reader = StoreReader.Open(dir);
        Assert.True(reader.HasSavedState);
        Assert.Equal(options.Agents.Initial, reader.Agents().Count);
        Assert.Same(store, started.Supervisor.Store);
    }

    [Fact]
    public async Task A_restart_restores_everything_and_awaits_confirmation_and_the_recovery_log_keeps_the_report()
    {
        using var s = new StoreScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 30 && sup.Valhalla.Count >= 1);
        await s.StopAsync();
        var expected = EngineJson.Serialize(Saved(s.Supervisor, seed: 3));
        s.Store.Dispose();
        using var store = EngineStore.Open(s.DataDir, s.Engine.Clock, s.Persistence);

        var started = await StartAsync(s, store);

        Assert.Equal(EngineState.AwaitingConfirmation, started.InitialState);
        Assert.True(started.Report.DecisionRequired);
        Assert.False(started.Report.FreshStart);
        Assert.True(started.Report.Reconciliation.Consistent);
        Assert.Equal(s.Supervisor.Ledger.Records.Count, started.Report.Counts.PublicLedgerRecords);
        Assert.Equal(s.Supervisor.Valhalla.Count, started.Report.Counts.AgentsDead);
        Assert.Equal(expected, EngineJson.Serialize(Saved(started.Supervisor, seed: 3)));
        await store.FlushAsync();
        using var db = store.CreateContext();
        Assert.Equal(started.Report.Decision, Assert.Single(db.RecoveryLog).Decision);
    }

    [Fact]
    public async Task A_clean_report_resumes_by_itself_only_when_configured_to()
    {
        using var s = new StoreScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 10);
        await s.StopAsync();
        s.Store.Dispose();
        using var store = EngineStore.Open(s.DataDir, s.Engine.Clock, s.Persistence);

        var started = await StartAsync(s, store, autoResume: true);

        Assert.Equal(EngineState.Running, started.InitialState);
        Assert.False(started.Report.DecisionRequired);
        Assert.Contains("AutoResumeWhenClean", started.Report.Decision);
    }

    [Fact]
    public async Task A_corrupt_newest_snapshot_is_named_in_the_report_and_the_previous_one_is_used()
    {
        using var s = new StoreScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 30, snapshotEvery: 60);
        await s.StopAsync();
        s.Store.Dispose();
        string newest;
        using (var reader = StoreReader.Open(s.DataDir))
            newest = reader.Snapshots()[0].File;
        await File.WriteAllTextAsync(Path.Combine(s.DataDir, SnapshotFiles.Folder, newest), "garbage");
        using var store = EngineStore.Open(s.DataDir, s.Engine.Clock, s.Persistence);

        var started = await StartAsync(s, store);

        var skipped = Assert.Single(started.Report.Snapshot.Skipped);
        Assert.Equal(newest, skipped.File);
        Assert.NotEqual(newest, started.Report.Snapshot.Used);
        Assert.Contains(started.Report.Reconciliation.Items, i => i.Kind == "SnapshotSkipped" && i.Detail.Contains(newest));
        Assert.Equal(s.Supervisor.Ledger.ComputeHash(), started.Supervisor.Ledger.ComputeHash());
    }

    [Fact]
    public async Task A_population_that_died_out_is_restored_as_such_and_the_engine_goes_on()
    {
        // Founders take the whole capital, so no birth can be paid for; then every agent is condemned (as bankruptcy
        // would) and the engine closes their positions and buries them.
        using var s = new StoreScenario(o => o.Mastermind.DeployedShare = 1m, agents: 4);
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 10);
        foreach (var agent in s.Supervisor.Living) s.Supervisor.Condemn(agent, DeathReason.Bankrupt);
        await s.RunUntilAsync(sup => sup.Living.Count == 0, maxBars: 500);
        await s.StopAsync();
        s.Store.Dispose();
        using var store = EngineStore.Open(s.DataDir, s.Engine.Clock, s.Persistence);

        var started = await StartAsync(s, store);

        Assert.Equal(0, started.Report.Counts.AgentsAlive);
        Assert.Equal(s.Supervisor.Agents.Count, started.Report.Counts.AgentsDead);
        Assert.All(started.Report.Agents, a => Assert.False(a.Alive));
        Assert.Equal(s.Supervisor.Mastermind.Pool, started.Supervisor.Mastermind.Pool);
        var (cycle, births) = (started.Supervisor.Cycle, started.Supervisor.Births);
        var scenario = s.Engine.WithSupervisor(started.Supervisor);
        await scenario.StepAsync(200);
        Assert.Equal(cycle + 200, started.Supervisor.Cycle);
        // The dead's capital went back to the pool: the next generations are born from it.
        Assert.True(started.Supervisor.Births > births && started.Supervisor.Living.Count > 0, "a new generation is born from the pool");
    }

    [Fact]
    public async Task A_hundred_agents_are_restored_exactly()
    {
        using var s = new StoreScenario(o => o.Agents.Max = 120, agents: 100);
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 300);
        await s.StopAsync();
        var expected = EngineJson.Serialize(Saved(s.Supervisor, seed: 3));
        s.Store.Dispose();
        using var store = EngineStore.Open(s.DataDir, s.Engine.Clock, s.Persistence);

        var started = await StartAsync(s, store);

        Assert.True(started.Report.Counts.AgentsAlive + started.Report.Counts.AgentsDead >= 100);
        Assert.Equal(expected, EngineJson.Serialize(Saved(started.Supervisor, seed: 3)));
    }

    [Fact]
    public async Task A_restart_brings_the_funding_records_back_and_the_report_names_them_and_the_net_paid()
    {
        using var s = new FundingScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Funding.Count >= 20);
        await s.StopAsync();
        s.Store.Dispose();
        using var store = EngineStore.Open(s.DataDir, s.Clock, s.Persistence);

        var started = await EngineStartup.StartAsync(s.Options, s.Exchange, s.Clock, s.Clock, seed: 3, store, new RecoveryOptions(), _ => { });

        var ledger = s.Supervisor.Ledger;
        Assert.Equal(ledger.ComputeHash(), started.Supervisor.Ledger.ComputeHash());
        Assert.Equal(ledger.Funding.Count, started.Report.Counts.FundingRecords);
        Assert.Equal(ledger.FundingTotal, started.Report.Counts.FundingPaid);
        Assert.NotEqual(0m, started.Report.Counts.FundingPaid);
        Assert.Equal(ledger.Funding.Count, started.Report.Reconciliation.Ledger.FundingRecords);
        Assert.Equal(ledger.Funding.Count, started.Report.Reconciliation.Ledger.PrivateFundingRecords);
        Assert.True(started.Report.Reconciliation.Consistent, string.Join("; ", started.Report.Reconciliation.Items.Select(i => i.Detail)));
    }
}
