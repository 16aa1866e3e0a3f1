namespace Prometheus.Engine.Supervision;

/// <summary>
/// The equity at a market time (Unix ms): of the whole population (<see cref="AgentId"/> <see cref="Population"/>:
/// the Mastermind's pool plus every ledger at the marks) or of one agent.
/// </summary>
public readonly record struct EquityMark(int AgentId, long TimeMs, decimal Equity)
{
    public const int Population = 0;
}
