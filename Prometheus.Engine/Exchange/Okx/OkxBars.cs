namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// OKX candle bar names (the bar parameter and the candle{bar} channels), their length and where they start. OKX starts
/// bars up to 4H on the UTC grid, and 6H, 12H, 1D and 1W on Hong Kong time (UTC+8); the "utc" variants of those start
/// on UTC. Weeks start on Monday.
/// </summary>
public static class OkxBars
{
    private const long Hour = 3_600_000L;
    private const long HongKong = 8 * Hour;
    /// <summary>1970-01-01 was a Thursday: Monday 00:00 is four days after the epoch.</summary>
    private const long Monday = 4 * 24 * Hour;

    private static readonly OkxBar[] All =
    [
        Utc("1m", TimeSpan.FromMinutes(1)), Utc("3m", TimeSpan.FromMinutes(3)), Utc("5m", TimeSpan.FromMinutes(5)),
        Utc("15m", TimeSpan.FromMinutes(15)), Utc("30m", TimeSpan.FromMinutes(30)), Utc("1H", TimeSpan.FromHours(1)),
        Utc("2H", TimeSpan.FromHours(2)), Utc("4H", TimeSpan.FromHours(4)),
        new("6H", TimeSpan.FromHours(6), -HongKong), new("12H", TimeSpan.FromHours(12), -HongKong),
        new("1D", TimeSpan.FromDays(1), -HongKong), new("1W", TimeSpan.FromDays(7), Monday - HongKong),
        Utc("6Hutc", TimeSpan.FromHours(6)), Utc("12Hutc", TimeSpan.FromHours(12)), Utc("1Dutc", TimeSpan.FromDays(1)),
        new("1Wutc", TimeSpan.FromDays(7), Monday),
    ];

    private static readonly Dictionary<string, OkxBar> ByName = All.ToDictionary(b => b.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Known => All.Select(b => b.Name);

    public static bool IsKnown(string? bar) => bar is not null && ByName.ContainsKey(bar);

    public static bool TryGet(string? name, out OkxBar bar)
    {
        bar = default;
        return name is not null && ByName.TryGetValue(name, out bar);
    }

    public static bool TryGetLength(string? bar, out TimeSpan length)
    {
        var known = TryGet(bar, out var found);
        length = found.Length;
        return known;
    }

    /// <summary>The UTC-aligned bar name of a length, e.g. 15 minutes → "15m"; null when OKX has none.</summary>
    public static string? NameOf(TimeSpan length) =>
        All.FirstOrDefault(b => b.Length == length && b.OffsetMs % (long)b.Length.TotalMilliseconds == 0).Name;

    private static OkxBar Utc(string name, TimeSpan length) => new(name, length, 0);
}

/// <summary>One OKX bar: bars of <see cref="Length"/> start at <see cref="OffsetMs"/> past the Unix epoch's grid.</summary>
public readonly record struct OkxBar(string Name, TimeSpan Length, long OffsetMs)
{
    public long LengthMs => (long)Length.TotalMilliseconds;

    /// <summary>The open time of the bar that contains <paramref name="ms"/>.</summary>
    public long StartOf(long ms)
    {
        var shifted = ms - OffsetMs;
        var start = shifted / LengthMs * LengthMs;
        if (start > shifted)
            start -= LengthMs;   // floor, also before the epoch
        return start + OffsetMs;
    }

    /// <summary>Whether every bar of this one is made of whole bars of <paramref name="interval"/> (on the UTC grid).</summary>
    public bool IsMadeOf(TimeSpan interval) =>
        Length >= interval && Length.Ticks % interval.Ticks == 0 && OffsetMs % (long)interval.TotalMilliseconds == 0;
}
