using Prometheus.Engine.Persistence;
using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Tests.Persistence;

namespace Prometheus.Engine.Tests.Recovery;

/// <summary>
/// What holds trading back outlives a kill: a person's pause, the risk state, a tripped breaker and why, a breaker reset.
/// Each is on disk the moment it is acknowledged (written after the last checkpoint of these runs, so only the change's own
/// write can have saved it), shown in the recovery report, and the confirmed engine resumes in the state it was left in.
/// </summary>
public class TradingStateRestartTests
{
    /// <summary>No checkpoint on schedule (a death still writes one) and no snapshot after the first start's.</summary>
    private static PersistenceOptions NoCheckpoints() => new() { CheckpointEveryCycles = 100_000, SnapshotEveryCycles = 10_000_000, SnapshotIntervalMinutes = 7 * 24 * 60 };

    /// <summary>A book small enough to fall 1% soon: the breaker trips within the run.</summary>
    private static void TightBreaker(Configuration.EngineOptions o)
    {
        o.Risk.MaxDrawdownPercent = 0.01m;
        o.Risk.ReducingDrawdownPercent = 0.005m;
        o.Mastermind.DeployedShare = 1m;
    }

    /// <summary>The store version of the newest event of <paramref name="kind"/> (0 when there is none).</summary>
    private static long Newest(StoreLocation location, string kind)
    {
        using var db = location.CreateContext();
        return db.Events.Where(e => e.Kind == kind).Select(e => (long?)e.Version).Max() ?? 0;
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Pause_survives_kill_and_confirm_resumes_paused(StoreProvider provider)
    {
        await using var served = new ServedEngine(persistence: NoCheckpoints(), provider: provider);
        await served.StartAsync();
        await served.UntilAsync(s => s.Ledger.Records.Count >= 10);

        Assert.Null(await served.Loop!.PauseAsync());
        var killed = served.KilledCopy(); // a kill -9 right after the pause was acknowledged
        await served.StopAsync();
        served.UseDataDir(killed);
        using (var reader = served.Reader())
        {
            Assert.True(Newest(served.Location, EventKinds.Control) > Newest(served.Location, EventKinds.Checkpoint), "the pause was saved by itself");
            Assert.True(reader.Load().State.Supervisor.Paused);
        }

        var started = await served.StartAsync();

        Assert.True(EngineState.AwaitingConfirmation == started.InitialState,
            $"{started.InitialState}: {started.Report.Decision}; {string.Join("; ", started.Report.Reconciliation.Items.Select(i => $"{i.Kind} {i.Detail}"))}");
        var trading = Assert.IsType<Engine.Recovery.RecoveredTrading>(started.Report.Trading);
        Assert.True(trading.Paused);
        Assert.Equal("paused by a person", trading.PauseReason);
        Assert.Contains("stays paused", started.Report.Decision);
        var loop = served.Loop!;
        var written = await loop.QueryAsync(s => s.Journal.Written);

        Assert.Null(await loop.ConfirmAsync());

        Assert.Equal(EngineState.Paused, loop.State);
        var cycle = await loop.QueryAsync(s => s.Cycle);
        await served.UntilAsync(s => s.Cycle > cycle + 300);
        Assert.Equal(written, await loop.QueryAsync(s => s.Journal.Written)); // not one order while paused
        Assert.Null(await loop.ResumeAsync());
        Assert.Equal(EngineState.Running, loop.State);
        await served.UntilAsync(s => s.Journal.Written > written);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_tripped_breaker_is_restored_with_its_reason(StoreProvider provider)
    {
        await using var served = new ServedEngine(TightBreaker, NoCheckpoints(), provider: provider);
        await served.StartAsync();
        await served.UntilAsync(s => s.SystemRisk.DrawdownBreakerTripped);
        var reason = await served.Loop!.QueryAsync(s => s.SystemRisk.StateReason);
        Assert.Contains("circuit breaker", reason);

        var killed = served.KilledCopy();
        await served.StopAsync();
        served.UseDataDir(killed);
        using (var reader = served.Reader())
            Assert.True(reader.Load().State.Supervisor.Risk.DrawdownBreakerTripped);
        var started = await served.StartAsync();

        var trading = Assert.IsType<Engine.Recovery.RecoveredTrading>(started.Report.Trading);
        Assert.True(trading.BreakerTripped);
        Assert.Equal(nameof(TradingState.Halted), trading.RiskState);
        Assert.Equal(reason, trading.RiskReason);
        Assert.Equal(nameof(RiskDenialReason.DrawdownHalt), trading.HaltReason);
        Assert.False(trading.Paused);
        var loop = served.Loop!;
        Assert.Null(await loop.ConfirmAsync());
        var cycle = await loop.QueryAsync(s => s.Cycle);
        await served.UntilAsync(s => s.Cycle > cycle + 200);
        // Confirming resumes trading, but the breaker holds until a person resets it, with the reason it tripped for.
        Assert.Equal((TradingState.Halted, true, reason),
            await loop.QueryAsync(s => (s.SystemRisk.State, s.SystemRisk.DrawdownBreakerTripped, s.SystemRisk.StateReason)));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_breaker_reset_is_saved_at_once_with_who_and_why_and_a_restart_keeps_it(StoreProvider provider)
    {
        await using var served = new ServedEngine(TightBreaker, NoCheckpoints(), provider: provider);
        await served.StartAsync();
        await served.UntilAsync(s => s.SystemRisk.DrawdownBreakerTripped);
        var loop = served.Loop!;
        Assert.Null(await loop.CloseAllAsync()); // a flat book: nothing moves the equity while the reset is looked at
        Assert.Equal("a reason is required", await loop.ResetRiskAsync("  ", "admin@test"));
        Assert.Equal($"the reason is longer than {Supervisor.MaxResetReasonLength} characters",
            await loop.ResetRiskAsync(new string('x', Supervisor.MaxResetReasonLength + 1), "admin@test"));

        Assert.Null(await loop.ResetRiskAsync("drawdown understood: the book is flat", "admin@test"));

        Assert.Equal((TradingState.Active, false), await loop.QueryAsync(s => (s.SystemRisk.State, s.SystemRisk.DrawdownBreakerTripped)));
        Assert.Equal("there is nothing to reset: the circuit breaker is not tripped and trading is not reducing",
            await loop.ResetRiskAsync("again", "admin@test"));
        var killed = served.KilledCopy();
        await served.StopAsync();
        served.UseDataDir(killed);
        var started = await served.StartAsync();

        var trading = Assert.IsType<Engine.Recovery.RecoveredTrading>(started.Report.Trading);
        Assert.False(trading.BreakerTripped);
        Assert.Equal("reset by admin@test: drawdown understood: the book is flat", trading.RiskReason);
        Assert.True(trading.Paused); // the close-all paused it, and that too was kept
    }
}
