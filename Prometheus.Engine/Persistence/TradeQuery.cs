using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Persistence;

/// <summary>A filter on the public ledger's history; null fields match everything.</summary>
public sealed record TradeQuery(int? AgentId = null, TradeSide? Side = null, string? InstId = null);
