using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Agents;

/// <summary>
/// An agent's decision: a pure function of its genome, its view of itself and the shared market signals.
/// Entry: a weighted indicator score, tilted by regime (as far as the genome adapts to it), temperament and mood,
/// against the genome's thresholds (raised by risk aversion, stress and fear), and only when the move price typically makes
/// over the genome's holding period covers its round-trip cost by the genome's cost gate. Exit: the signal turned past the
/// opposite threshold once the minimum holding period has passed. Stops and take-profits are risk rules, not here.
/// </summary>
public static class DecisionMaker
{
    private const double AddConviction = 2.0;   // an add needs a score this many times past the threshold
    private const double MaxAddedFraction = 1.5; // never add beyond 1.5x the genome's max position

    public static Decision Decide(Genome genome, in AgentView agent, in MarketSignals signals, in MarketSnapshot market)
    {
        if (!signals.Tradable)
            return Decision.Hold;

        var score = Score(genome, agent, signals);
        var bar = Hurdle(genome, agent);
        var longThreshold = genome.LongThreshold * bar;
        var shortThreshold = genome.ShortThreshold * bar;

        if (!agent.HasPosition)
        {
            if ((score > longThreshold || (score < shortThreshold && agent.CanShort)) && !ClearsCostGate(genome, agent, signals))
                return Decision.Hold;
            if (score > longThreshold)
                return Open(DecisionAction.OpenLong, PositionSide.Long, score, longThreshold, genome, agent);
            if (score < shortThreshold && agent.CanShort)
                return Open(DecisionAction.OpenShort, PositionSide.Short, score, shortThreshold, genome, agent);
            return Decision.Hold;
        }

        var heldSeconds = (market.TimestampMs - agent.OpenedAtMs) / 1000.0;
        var isLong = agent.PositionSide == PositionSide.Long;
        if (heldSeconds >= genome.HoldingPeriodSeconds && (isLong ? score < shortThreshold : score > longThreshold))
            return new Decision(DecisionAction.Close, agent.PositionSide, Confidence(score, isLong ? shortThreshold : longThreshold), 0, score);

        var threshold = isLong ? longThreshold : shortThreshold;
        if (!agent.InLastStand && score / threshold > AddConviction
            && agent.PositionFraction < genome.MaxPosition * MaxAddedFraction * Gate(agent))
        {
            var add = Open(DecisionAction.Add, agent.PositionSide, score, threshold, genome, agent);
            return add with { SizeFraction = add.SizeFraction * 0.5 };
        }
        return Decision.Hold;
    }

    /// <summary>
    /// The cost gate: an entry is worth its round trip only if the move price typically makes over the genome's holding
    /// period (one bar's volatility × √bars, capped by the take-profit) is at least <c>cost_gate</c> (1 or more) times
    /// the cost of opening and closing plus the funding of holding that long.
    /// </summary>
    public static bool ClearsCostGate(Genome genome, in AgentView agent, in MarketSignals s)
    {
        var bars = s.BarSeconds > 0 ? Math.Max(1, genome.HoldingPeriodSeconds / s.BarSeconds) : 1;
        var expectedMove = Math.Min(genome.TakeProfit, s.Volatility * Math.Sqrt(bars));
        var cost = agent.RoundTripCost + agent.FundingPerHour * genome.HoldingPeriodSeconds / 3600;
        return expectedMove >= genome.CostGate * cost;
    }

    /// <summary>
    /// Half the weighted indicator average, so only broad agreement among the indicators clears the genome's
    /// thresholds (0.05 to 0.15): a single noisy reading must not pay a round trip of fees. About [-0.65, 0.65].
    /// </summary>
    public static double Score(Genome genome, in AgentView agent, in MarketSignals s)
    {
        var weights = genome.WeightSum;
        var technical = weights <= 1e-9
            ? 0
            : 0.5 * (genome.WeightRsi * s.Rsi + genome.WeightMacd * s.Macd + genome.WeightBollinger * s.Bollinger
               + genome.WeightMomentum * s.Momentum + genome.WeightTrend * s.Trend) / weights;
        var temperament = (agent.Personality.Optimism - 0.5) * 0.04 + (agent.Emotions.Greed - agent.Emotions.Fear) * 0.04;
        return technical + genome.RegimeAdaptation * s.RegimeBias + temperament;
    }

    /// <summary>How much harder than the genome's thresholds this agent finds it to act right now (1 = as written).</summary>
    public static double Hurdle(Genome genome, in AgentView agent) =>
        (0.5 + 0.5 * genome.RiskAversion)
        * (1 + 0.5 * agent.Emotions.Stress + 0.3 * agent.Emotions.Fear - 0.3 * agent.Emotions.Greed)
        * (1.2 - 0.4 * agent.Personality.Aggression);

    /// <summary>Position size multiplier earned by trading level: 0.55 at level 1 up to 1.0 at level 4 and above.</summary>
    public static double Gate(in AgentView agent) => Math.Min(1.0, 0.4 + 0.15 * Math.Max(1, agent.TradingLevel));

    private static Decision Open(DecisionAction action, PositionSide side, double score, double threshold, Genome genome, in AgentView agent)
    {
        var confidence = Confidence(score, threshold);
        var appetite = (0.5 + 0.5 * agent.Personality.RiskTolerance) * (0.7 + 0.3 * agent.Emotions.Confidence + 0.2 * agent.Emotions.Greed);
        var size = genome.MaxPosition * (0.5 + 0.5 * confidence) * appetite / genome.RiskAversion * Gate(agent);
        if (agent.InLastStand)
            size *= 0.5; // a last stand is fought carefully
        return new Decision(action, side, confidence, Math.Clamp(size, 0, genome.MaxPosition), score);
    }

    /// <summary>How far past its threshold the score is: 0 at the threshold, 1 at twice the threshold or beyond.</summary>
    private static double Confidence(double score, double threshold) =>
        Math.Clamp(score / threshold - 1, 0, 1);
}
