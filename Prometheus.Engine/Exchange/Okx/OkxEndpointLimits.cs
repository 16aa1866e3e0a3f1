namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// OKX's published REST rate limits: requests per 2 seconds, per endpoint (trade endpoints per user and, for order
/// placement and cancellation, per instrument; the gateway keeps one bucket per endpoint, which is stricter).
/// exchange-sim enforces the same table and answers 50011 past it.
/// </summary>
public static class OkxEndpointLimits
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>Used for a path not in the table.</summary>
    public const int Default = 10;

    public static IReadOnlyDictionary<string, int> PerWindow { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["/api/v5/public/time"] = 10,
        ["/api/v5/public/instruments"] = 20,
        ["/api/v5/market/ticker"] = 20,
        ["/api/v5/market/tickers"] = 20,
        ["/api/v5/market/candles"] = 40,
        ["/api/v5/market/history-candles"] = 20,
        ["/api/v5/account/balance"] = 10,
        ["/api/v5/account/positions"] = 10,
        ["/api/v5/account/config"] = 5,
        ["/api/v5/account/bills"] = 10,
        ["/api/v5/public/funding-rate-history"] = 10,
        ["/api/v5/account/set-position-mode"] = 5,
        ["/api/v5/account/set-leverage"] = 20,
        ["/api/v5/trade/order"] = 60,
        ["/api/v5/trade/batch-orders"] = 300,
        ["/api/v5/trade/cancel-order"] = 60,
        ["/api/v5/trade/cancel-batch-orders"] = 300,
        ["/api/v5/trade/amend-order"] = 60,
        ["/api/v5/trade/close-position"] = 20,
        ["/api/v5/trade/orders-pending"] = 60,
        ["/api/v5/trade/orders-history"] = 40,
        ["/api/v5/trade/orders-history-archive"] = 20,
        ["/api/v5/trade/fills"] = 60,
        ["/api/v5/trade/fills-history"] = 10,
    };

    public static int For(string path) => PerWindow.GetValueOrDefault(path, Default);
}
