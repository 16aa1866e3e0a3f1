namespace Prometheus.Engine.Exchange.Okx;

/// <summary>What the gateway fetched over REST after a private-socket (re)connect.</summary>
public sealed record OkxResync(int Connection, IReadOnlyList<ExchangeOrder> PendingOrders, IReadOnlyList<ExchangePosition> Positions, int RecoveredFills);
