using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Agents;

/// <summary>
/// What an agent wants to do after a bar. <see cref="SizeFraction"/> is the share of the agent's equity
/// to commit (before risk limits); <see cref="Confidence"/> is in [0, 1] and is kept on the trade record.
/// </summary>
public readonly record struct Decision(DecisionAction Action, PositionSide Side, double Confidence, double SizeFraction, double Score)
{
    public static readonly Decision Hold = default;
}
