namespace Prometheus.Engine.Supervision;

/// <summary>One capital decision of the Mastermind, with its reason.</summary>
public sealed record AllocationDecision(long TimestampMs, string Kind, int? AgentId, string? InstId, decimal Amount, decimal PoolAfter, string Reason);
