using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Supervision;

/// <summary>Restored equals saved, field by field: compared through the engine's one JSON form.</summary>
public class SupervisorStateTests
{
    private static async Task<SupervisorScenario> LivedIn()
    {
        // Short grace and a hard cull: deaths, births, last stands and Valhalla within a few thousand bars.
        var s = new SupervisorScenario(o =>
        {
            o.Evolution.GraceHours = 6;
            o.Evolution.CullFraction = 0.9;
            o.Agents.LastStandThreshold = 0.98m;
            o.Agents.LastStandHours = 48;
        }, agents: 10);
        await s.StepUntilAsync(sup => sup.Valhalla.Count >= 3 && sup.Ledger.Records.Count >= 50
            && sup.Living.Any(a => a.InLastStand || a.Medals != Engine.Agents.Medals.None));
        return s;
    }

    [Fact]
    public async Task A_full_snapshot_survives_json_and_restore_unchanged()
    {
        var s = await LivedIn();
        var saved = s.Supervisor.CaptureSnapshot();
        var json = EngineJson.Serialize(saved);
        var loaded = EngineJson.Deserialize<EngineSnapshot>(json);
        var records = EngineJson.Deserialize<List<Engine.Ledger.TradeRecord>>(EngineJson.Serialize(s.Supervisor.Ledger.Records));

        var restored = Supervisor.Restore(s.Options, s.Exchange, s.Clock, new Random(1), loaded, records);

        Assert.Equal(json, EngineJson.Serialize(restored.CaptureSnapshot()));
        Assert.Equal(s.Supervisor.Ledger.ComputeHash(), restored.Ledger.ComputeHash());
        Assert.Equal(s.Supervisor.Equity, restored.Equity);
        Assert.Equal(s.Supervisor.Living.Select(a => a.Id), restored.Living.Select(a => a.Id));
        Assert.Equal(s.Supervisor.Valhalla.Heroes.Select(h => h.Id), restored.Valhalla.Heroes.Select(h => h.Id));
        foreach (var agent in s.Supervisor.Agents.Values)
        {
            var twin = restored.Agents[agent.Id];
            Assert.Equal(agent.Emotions, twin.Emotions);
            Assert.Equal(agent.Medals, twin.Medals);
            Assert.Equal(agent.LastStandSinceMs, twin.LastStandSinceMs);
            Assert.Equal(agent.Genome, twin.Genome);
            Assert.Equal(s.Supervisor.Ledger.Private(agent.Id).History, restored.Ledger.Private(agent.Id).History);
        }
    }

    [Fact]
    public async Task A_restored_supervisor_trades_on_with_its_books_intact()
    {
        var s = await LivedIn();
        var restored = Supervisor.Restore(s.Options, s.Exchange, s.Clock, new Random(2), s.Supervisor.CaptureSnapshot(), [.. s.Supervisor.Ledger.Records]);
        var before = restored.Ledger.Records.Count;
        var scenario = s.WithSupervisor(restored);
        await scenario.StepUntilAsync(sup => sup.Ledger.Records.Count > before + 20);

        foreach (var ledger in restored.Ledger.PrivateLedgers.Values)
            Assert.Equal(ledger.InitialCapital + ledger.Funded + ledger.RealizedPnl + ledger.UnrealizedPnl(restored.Marks),
                ledger.Capital + ledger.PositionValue(restored.Marks) + ledger.FeesPaid);
        Assert.Equal(restored.Ledger.Records, restored.Ledger.PrivateLedgers.Values.SelectMany(p => p.History).OrderBy(r => r.TradeId));
        Assert.Equal(restored.Ledger.Records.Select(r => r.TradeId), Enumerable.Range(1, restored.Ledger.Records.Count).Select(i => (long)i));
    }

    [Fact]
    public async Task A_checkpoint_carries_only_the_agents_changed_since_the_last_one()
    {
        var s = await LivedIn();
        s.Supervisor.CaptureCheckpoint();
        Assert.Equal(0, s.Supervisor.DirtyAgents);
        await s.StepUntilAsync(sup => sup.DirtyAgents > 0);
        var checkpoint = s.Supervisor.CaptureCheckpoint();
        Assert.True(checkpoint.IsPartial);
        Assert.InRange(checkpoint.Agents.Count, 1, s.Supervisor.Agents.Count - 1);
        Assert.Equal(checkpoint.Agents.Select(a => a.Id), checkpoint.Ledgers.Select(l => l.AgentId));
    }

    [Fact]
    public void A_partial_checkpoint_is_refused_as_a_restore_source()
    {
        var s = new SupervisorScenario();
        Assert.Throws<ArgumentException>(() =>
            Supervisor.Restore(s.Options, s.Exchange, s.Clock, new Random(1), s.Supervisor.CaptureCheckpoint(), []));
    }
}
