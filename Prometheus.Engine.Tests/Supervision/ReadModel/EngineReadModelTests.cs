using System.Collections;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;
using Xunit.Abstractions;

namespace Prometheus.Engine.Tests.Supervision.ReadModel;

/// <summary>
/// The read model: published at start and after cycles, reflecting a command by the time the command answers, equal to
/// the Supervisor it was built from, and never changed once published.
/// </summary>
public class EngineReadModelTests(ITestOutputHelper output)
{
    private static TradingLoop Loop(SupervisorScenario s, EngineState initial, int bars = 20_000, double barsPerSecond = 20_000) =>
        new(s.Supervisor, new ReplayFeed(CandleFileReader.Read(TestData.Path("btc-usdt-swap-15m-okx-20230101-20260418.csv.gz")).Take(bars)), bar =>
        {
            s.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(bar.TimestampMs + 900_000));
            s.Exchange.OnBar(TestInstruments.BtcUsdt.InstId, bar);
            s.Exchange.OnBar(TestInstruments.BtcUsdtSwap.InstId, bar);
        }, new MarketClock(s.Clock.GetUtcNow()), TimeProvider.System, barsPerSecond, checkpointEveryCycles: 1_000,
            SnapshotSchedule.From(int.MaxValue, TimeSpan.FromHours(1), 0, DateTimeOffset.UtcNow), sink: null, initial, "paper");

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 30 s");
            await Task.Delay(5);
        }
    }

    [Fact]
    public void A_model_is_published_at_start_with_every_agent()
    {
        var s = new SupervisorScenario();
        var loop = Loop(s, EngineState.AwaitingConfirmation);

        var model = loop.ReadModel;
        Assert.True(model.Version >= 1);
        Assert.Equal(EngineState.AwaitingConfirmation, model.Status.State);
        Assert.Equal(s.Supervisor.Living.Count, model.Ranked.Length);
        Assert.Equal(s.Supervisor.Agents.Count, model.Agents.Count);
        Assert.Equal(s.Supervisor.Equity, model.Book.Equity);
    }

    [Fact]
    public async Task After_cycles_the_model_equals_the_supervisor_it_was_built_from()
    {
        var s = new SupervisorScenario();
        var loop = Loop(s, EngineState.Running);
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(stop.Token);
        await UntilAsync(() => loop.ReadModel.Ledger.Records.Count > 20 && loop.ReadModel.Status.Cycle > 500);
        await stop.CancelAsync();
        await run; // the stop publishes a last model

        var m = loop.ReadModel;
        var sup = s.Supervisor;
        Assert.Equal(sup.Cycle, m.Status.Cycle);
        Assert.Equal(sup.Equity, m.Book.Equity);
        Assert.Equal(sup.Ledger.Records, m.Ledger.Records);
        Assert.Equal(sup.Rankings().Select(a => a.Id), m.Ranked.Select(a => a.Id));
        Assert.Equal(Enumerable.Range(1, m.Ranked.Length), m.Ranked.Select(a => a.Rank!.Value));
        foreach (var a in m.Ranked)
        {
            var ledger = sup.Ledger.Private(a.Id);
            Assert.Equal(ledger.Equity(sup.Marks), a.Equity);
            Assert.Equal(ledger.History, m.Ledger.Of(a.Id));
            Assert.Equal(ledger.OpenPositions.Count(), a.Positions.Length);
        }
        Assert.Equal(sup.Agents.Count, m.Agents.Count);
        Assert.All(m.Agents.Values.Where(a => a.Rank is null), a => Assert.Equal("Dead", a.State));
        Assert.Equal(sup.Valhalla.Count, m.Valhalla.Count);
        Assert.Equal(sup.SystemRisk.Save(), m.Risk.State);
        Assert.Equal(sup.Mastermind.DecisionCount, m.Mastermind.DecisionCount);
    }

    [Fact]
    public async Task A_command_is_in_the_model_by_the_time_it_answers()
    {
        var s = new SupervisorScenario();
        var loop = Loop(s, EngineState.AwaitingConfirmation);
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(stop.Token);

        Assert.Null(await loop.ConfirmAsync());
        Assert.Equal(EngineState.Running, loop.ReadModel.Status.State);
        Assert.Null(await loop.PauseAsync());
        Assert.Equal(EngineState.Paused, loop.ReadModel.Status.State);
        Assert.Equal("paused by a person", loop.ReadModel.Status.StateReason);
        Assert.Null(await loop.InterveneAsync(true, 0.3m, 0.5m, "test", "admin@test"));
        Assert.True(loop.ReadModel.Mastermind.InterventionMode);
        Assert.Equal(0.3m, loop.ReadModel.Mastermind.SpotShare);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_published_model_never_changes_while_the_engine_goes_on()
    {
        var s = new SupervisorScenario();
        var loop = Loop(s, EngineState.Running);
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(stop.Token);
        await UntilAsync(() => loop.ReadModel.Ledger.Records.Count > 5);
        var early = loop.ReadModel;
        var (cycle, records, equities, agents) = (early.Status.Cycle, early.Ledger.Records.Count,
            early.Ranked.Select(a => a.Equity).ToList(), early.Agents.Count);

        await UntilAsync(() => loop.ReadModel.Ledger.Records.Count > records + 20);
        await stop.CancelAsync();
        await run;

        Assert.True(loop.ReadModel.Version > early.Version);
        Assert.Equal(cycle, early.Status.Cycle);
        Assert.Equal(records, early.Ledger.Records.Count);
        Assert.Equal(equities, early.Ranked.Select(a => a.Equity));
        Assert.Equal(agents, early.Agents.Count);
    }

    [Fact]
    public async Task Cycles_back_to_back_are_not_each_published_but_a_command_is_at_once()
    {
        var s = new SupervisorScenario();
        // Unpaced: the loop never waits between bars, so only the interval (an hour here) would let a cycle publish.
        var loop = Loop(s, EngineState.Running, barsPerSecond: 1e12);
        loop.ReadModelInterval = TimeSpan.FromHours(1);
        var first = loop.ReadModel.Version;
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => loop.RunAsync(stop.Token)); // unpaced, it may never yield to this thread

        await UntilAsync(() => loop.Status.Cycle >= 2_000); // the status is still published every cycle
        Assert.Equal(first, loop.ReadModel.Version);
        Assert.Null(await loop.PauseAsync());
        Assert.Equal(EngineState.Paused, loop.ReadModel.Status.State);
        Assert.True(loop.ReadModel.Status.Cycle >= 2_000);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_paced_loop_publishes_at_most_once_an_interval_and_never_staler_than_that()
    {
        var s = new SupervisorScenario();
        // Paced: the loop waits after every bar, which is where a held-back model is published.
        var loop = Loop(s, EngineState.Running, barsPerSecond: 500);
        loop.ReadModelInterval = TimeSpan.FromMilliseconds(200);
        var first = loop.ReadModel.Version;
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => loop.RunAsync(stop.Token));

        await Task.Delay(TimeSpan.FromSeconds(2));
        var (cycles, published) = (loop.Status.Cycle, loop.ReadModel.Version - first);
        await UntilAsync(() => loop.ReadModel.Status.Cycle >= cycles); // what the loop did by then is in a model within the interval
        await stop.CancelAsync();
        await run;

        Assert.True(cycles >= 100, $"the loop ran ({cycles} cycles in 2 s)");
        // About 10 in 2 s at one per 200 ms; building at every wait would have made one per cycle.
        Assert.True(published <= 15, $"{published} models published for {cycles} cycles");
    }

    [Fact]
    public void Every_part_of_the_model_is_immutable()
    {
        var types = typeof(EngineReadModel).Assembly.GetTypes().Where(t => t.Namespace == typeof(EngineReadModel).Namespace && t.IsPublic
            && t != typeof(ReadModelBuilder));
        foreach (var type in types)
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var setter = property.SetMethod;
                Assert.True(setter is null || setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)),
                    $"{type.Name}.{property.Name} can be set after construction");
                var t = property.PropertyType;
                var mutable = t.IsArray || (t.IsGenericType && t.GetGenericTypeDefinition() is var g
                    && (g == typeof(List<>) || g == typeof(Dictionary<,>) || g == typeof(HashSet<>))) || t == typeof(ArrayList);
                Assert.False(mutable, $"{type.Name}.{property.Name} is a mutable collection ({t.Name})");
            }
    }

    /// <summary>Not an assertion on speed (machines differ): prints what one build costs with 100 agents, for the README.</summary>
    [Fact]
    public async Task Building_with_a_hundred_agents_is_measured()
    {
        var s = new SupervisorScenario(agents: 100);
        await s.StepAsync(2_000);
        var builder = new ReadModelBuilder();
        var status = EngineStatus.Initial("paper");
        builder.Build(s.Supervisor, status, null, 0); // the first build copies the ledgers whole
        const int builds = 200;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        EngineReadModel? last = null;
        for (var i = 0; i < builds; i++) last = builder.Build(s.Supervisor, status, null, i);
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Equal(s.Supervisor.Living.Count, last!.Ranked.Length);
        output.WriteLine($"{s.Supervisor.Living.Count} living, {s.Supervisor.Agents.Count} agents, {s.Supervisor.Ledger.Records.Count} fills: " +
            $"{clock.Elapsed.TotalMilliseconds / builds:0.000} ms and {allocated / builds / 1024.0:0.0} KB per build");
    }
}
