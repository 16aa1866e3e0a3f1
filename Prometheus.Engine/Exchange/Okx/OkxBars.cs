namespace Prometheus.Engine.Exchange.Okx;

/// <summary>OKX candle bar names (the bar parameter and the candle{bar} channels) and their length.</summary>
public static class OkxBars
{
    private static readonly Dictionary<string, TimeSpan> Lengths = new(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1), ["3m"] = TimeSpan.FromMinutes(3), ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15), ["30m"] = TimeSpan.FromMinutes(30), ["1H"] = TimeSpan.FromHours(1),
        ["2H"] = TimeSpan.FromHours(2), ["4H"] = TimeSpan.FromHours(4), ["6Hutc"] = TimeSpan.FromHours(6),
        ["12Hutc"] = TimeSpan.FromHours(12), ["1Dutc"] = TimeSpan.FromDays(1), ["1Wutc"] = TimeSpan.FromDays(7),
    };

    public static IEnumerable<string> Known => Lengths.Keys;

    public static bool IsKnown(string? bar) => bar is not null && Lengths.ContainsKey(bar);

    public static bool TryGetLength(string? bar, out TimeSpan length)
    {
        length = default;
        return bar is not null && Lengths.TryGetValue(bar, out length);
    }

    /// <summary>The bar name of a length, e.g. 15 minutes → "15m"; null when OKX has none.</summary>
    public static string? NameOf(TimeSpan length) =>
        Lengths.FirstOrDefault(pair => pair.Value == length).Key;
}
