namespace Prometheus.Web.Components.Shared;

/// <summary>A span of the equity curve back from the market's now (in paper mode the replay's clock), or all of it.</summary>
public sealed record EquityRange(string Key, string Label, TimeSpan? Span)
{
    public static readonly EquityRange Day = new("24h", "24 h", TimeSpan.FromHours(24));
    public static readonly EquityRange Week = new("7d", "7 d", TimeSpan.FromDays(7));
    public static readonly EquityRange Month = new("30d", "30 d", TimeSpan.FromDays(30));
    public static readonly EquityRange Everything = new("all", "All", null);

    public static readonly IReadOnlyList<EquityRange> All = [Day, Week, Month, Everything];

    /// <summary>The first market time (Unix ms) in the range ending at <paramref name="marketNowMs"/>.</summary>
    public long FromMs(long marketNowMs) => Span is { } span ? marketNowMs - (long)span.TotalMilliseconds : long.MinValue;
}
