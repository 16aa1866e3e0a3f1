namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// What exchange-sim takes from one client at most (README: exchange-sim): a REST body of 64 KB (413 with 51000 past
/// it), a WebSocket message of 64 KB (answered 60012, the socket stays open), 240 subscriptions per WebSocket
/// connection (60012 past them), 20 items per batch (51000 past them), as OKX bounds them.
/// </summary>
public static class SimLimits
{
    public const int MaxRequestBodyBytes = 64 * 1024;

    public const int MaxWebSocketMessageBytes = 64 * 1024;

    public const int MaxSubscriptionsPerConnection = 240;

    public const int MaxBatchItems = 20;
}
