namespace Prometheus.Engine.Supervision;

/// <summary>A Mastermind decision with its number (1 for the first ever made): the store's key for it.</summary>
public sealed record NumberedDecision(long Number, AllocationDecision Decision);
