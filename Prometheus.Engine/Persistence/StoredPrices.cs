using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>The coins' prices of an equity point as the store keeps them: a JSON object, coin to price, in the traded order.</summary>
internal static class StoredPrices
{
    public static string? Write(CoinPrices? prices) =>
        prices is null ? null : EngineJson.Serialize(prices.Items.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    public static CoinPrices? Read(string? json) =>
        string.IsNullOrEmpty(json) ? null : new CoinPrices(EngineJson.Deserialize<Dictionary<string, decimal>>(json));
}
