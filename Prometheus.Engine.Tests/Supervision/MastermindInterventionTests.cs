using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Tests.Persistence;

namespace Prometheus.Engine.Tests.Supervision;

/// <summary>A person sets the Mastermind's allocation and risk appetite: applied, recorded with a reason, kept across a restart.</summary>
public class MastermindInterventionTests
{
    [Fact]
    public void An_intervention_needs_a_reason_and_values_in_range_and_is_recorded_with_who_and_why()
    {
        var mastermind = new Mastermind(new MastermindOptions(), 10, TestInstruments.All);

        Assert.Throws<ArgumentException>(() => mastermind.Intervene(1, true, 0.5m, 1m, " ", "alice"));
        Assert.Throws<ArgumentException>(() => mastermind.Intervene(1, true, 1.5m, 1m, "why", "alice"));
        Assert.Throws<ArgumentException>(() => mastermind.Intervene(1, true, 0.5m, 3m, "why", "alice"));
        Assert.False(mastermind.InterventionMode);

        mastermind.Intervene(1, true, 0.2m, 0.5m, "CPI tomorrow", "alice");
        Assert.Equal((true, 0.2m, 0.5m), (mastermind.InterventionMode, mastermind.SpotShare, mastermind.RiskAppetite));
        var decision = mastermind.LastDecision.Decision;
        Assert.Equal("intervention", decision.Kind);
        Assert.Contains("alice", decision.Reason);
        Assert.Contains("CPI tomorrow", decision.Reason);

        mastermind.Intervene(2, false, 0m, 0m, "over", "bob");
        Assert.Equal((false, new MastermindOptions().SpotShare, 1m), (mastermind.InterventionMode, mastermind.SpotShare, mastermind.RiskAppetite));
        Assert.Equal("intervention-ended", mastermind.LastDecision.Decision.Kind);
    }

    [Fact]
    public void Newborns_follow_the_spot_share_a_person_set()
    {
        var mastermind = new Mastermind(new MastermindOptions(), 10, TestInstruments.All);
        mastermind.Intervene(1, true, 0m, 1m, "swap only", "alice");
        Assert.Equal(TestInstruments.BtcUsdtSwap, mastermind.ChooseInstrument([]).Instrument);
        mastermind.Intervene(2, true, 1m, 1m, "spot only", "alice");
        Assert.Equal(TestInstruments.BtcUsdt, mastermind.ChooseInstrument([]).Instrument);
    }

    [Fact]
    public async Task A_lower_risk_appetite_makes_the_same_decision_a_smaller_position_and_the_setting_survives_a_restart()
    {
        using var normal = new StoreScenario();
        using var careful = new StoreScenario();
        careful.Supervisor.Mastermind.Intervene(careful.Supervisor.NowMs, true, 0.5m, 0.25m, "half the risk, then half again", "alice");
        static bool Opened(Supervisor sup) => sup.Ledger.Records.Any(r => r.Side is TradeSide.Buy or TradeSide.Short);
        await normal.RunUntilAsync(Opened);
        await careful.RunUntilAsync(Opened);

        // The same seed, data and agents: the first opening is the same decision, sized at a quarter (to the lot).
        var big = normal.Supervisor.Ledger.Records.First(r => r.Side is TradeSide.Buy or TradeSide.Short);
        var small = careful.Supervisor.Ledger.Records.First(r => r.Side is TradeSide.Buy or TradeSide.Short);
        Assert.Equal((big.AgentId, big.InstId, big.Side), (small.AgentId, small.InstId, small.Side));
        var lot = TestInstruments.Get(big.InstId).LotSize;
        Assert.InRange(small.Amount, big.Amount * 0.25m - 2 * lot, big.Amount * 0.25m + 2 * lot);

        await careful.StopAsync();
        using var reader = careful.Reopen();
        var restored = Supervisor.Restore(careful.Engine.Options, careful.Engine.Exchange, careful.Engine.Clock, new Random(1), reader.Load().State, reader.Trades());
        Assert.Equal((true, 0.5m, 0.25m), (restored.Mastermind.InterventionMode, restored.Mastermind.SpotShare, restored.Mastermind.RiskAppetite));
        Assert.Contains(restored.Mastermind.History, d => d.Kind == "intervention" && d.Reason.Contains("half the risk"));
    }
}
