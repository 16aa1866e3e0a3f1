using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Agents;

public class DecisionMakerTests
{
    private static readonly Genome Genome = new(Genome.Genes.Select(g => (g.Min + g.Max) / 2).ToArray());
    private static readonly AgentView Flat = new(false, PositionSide.Long, 0, 0, 0, CanShort: true,
        new Personality(0.5, 0.5, 0.5), new EmotionalState(0, 0.5, 0, 0), TradingLevel: 1, InLastStand: false);
    private static readonly MarketSnapshot Market = default(MarketSnapshot) with { TimestampMs = 10_000_000, Close = 100m, IsWarm = true };

    private static MarketSignals All(double value) => new(value, value, value, value, 0, Tradable: true);

    [Fact]
    public void A_strong_bullish_market_opens_long_and_a_bearish_one_opens_short()
    {
        var buy = DecisionMaker.Decide(Genome, Flat, All(0.8), Market);
        Assert.Equal(DecisionAction.OpenLong, buy.Action);
        Assert.InRange(buy.Confidence, 0.01, 1);
        Assert.InRange(buy.SizeFraction, 0.01, Genome.MaxPosition);
        Assert.Equal(DecisionAction.OpenShort, DecisionMaker.Decide(Genome, Flat, All(-0.8), Market).Action);
    }

    [Fact]
    public void A_spot_agent_never_opens_short()
    {
        Assert.Equal(DecisionAction.Hold, DecisionMaker.Decide(Genome, Flat with { CanShort = false }, All(-0.8), Market).Action);
    }

    [Fact]
    public void A_quiet_market_or_unwarmed_indicators_hold()
    {
        Assert.Equal(DecisionAction.Hold, DecisionMaker.Decide(Genome, Flat, All(0.0), Market).Action);
        Assert.Equal(DecisionAction.Hold, DecisionMaker.Decide(Genome, Flat, default, Market).Action);
    }

    [Fact]
    public void A_reversal_closes_only_after_the_holding_period()
    {
        var holding = Flat with { HasPosition = true, PositionSide = PositionSide.Long, EntryPrice = 100, OpenedAtMs = Market.TimestampMs - 60_000 };
        Assert.Equal(DecisionAction.Hold, DecisionMaker.Decide(Genome, holding, All(-0.8), Market).Action);
        var held = holding with { OpenedAtMs = Market.TimestampMs - (long)(Genome.HoldingPeriodSeconds * 1000) };
        Assert.Equal(DecisionAction.Close, DecisionMaker.Decide(Genome, held, All(-0.8), Market).Action);
    }

    [Fact]
    public void Fear_and_stress_raise_the_bar_to_trade()
    {
        var calm = DecisionMaker.Hurdle(Genome, Flat);
        var scared = DecisionMaker.Hurdle(Genome, Flat with { Emotions = new EmotionalState(1, 0.5, 1, 0) });
        Assert.True(scared > calm);
    }

    [Fact]
    public void The_decision_is_pure()
    {
        var first = DecisionMaker.Decide(Genome, Flat, All(0.3), Market);
        Assert.Equal(first, DecisionMaker.Decide(Genome, Flat, All(0.3), Market));
    }
}
