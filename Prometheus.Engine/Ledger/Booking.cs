namespace Prometheus.Engine.Ledger;

/// <summary>The record a fill became and what it did to the agent's books.</summary>
public sealed record Booking(TradeRecord Record, FillEffect Effect);
