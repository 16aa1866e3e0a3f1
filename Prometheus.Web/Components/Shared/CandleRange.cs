namespace Prometheus.Web.Components.Shared;

/// <summary>How far back the candle chart loads, in bars of the chart's interval; zoom and pan work inside it.</summary>
public sealed record CandleRange(string Key, string Label, TimeSpan Span)
{
    public static readonly CandleRange Day = new("1d", "1 d", TimeSpan.FromDays(1));
    public static readonly CandleRange Week = new("1w", "1 w", TimeSpan.FromDays(7));
    public static readonly CandleRange Month = new("1m", "1 m", TimeSpan.FromDays(30));
    public static readonly CandleRange Quarter = new("3m", "3 m", TimeSpan.FromDays(90));

    public static readonly IReadOnlyList<CandleRange> All = [Day, Week, Month, Quarter];

    public int Bars(long intervalMs) => (int)Math.Max(1, (long)Span.TotalMilliseconds / intervalMs);
}
