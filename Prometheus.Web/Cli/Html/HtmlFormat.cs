using System.Globalization;
using System.Net;

namespace Prometheus.Web.Cli.Html;

/// <summary>
/// Text for the HTML reports: every string escaped, every number in invariant culture. Ratios in the reports are
/// fractions (0.12) and are shown as percentages; money has two decimals; a non-finite figure is "n/a".
/// </summary>
internal static class HtmlFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>HTML-escapes a text (element content and quoted attribute values alike).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Percent(decimal fraction, bool signed = false) => Percent((double)fraction, signed);

    public static string Percent(double fraction, bool signed = false)
    {
        if (!double.IsFinite(fraction)) return "n/a";
        var text = (fraction * 100).ToString("0.00", Invariant) + "%";
        return signed && Math.Round(fraction * 100, 2) > 0 ? "+" + text : text;
    }

    /// <summary>A small rate (a fee, a funding rate) as a percentage, with the decimals it needs up to four.</summary>
    public static string Rate(decimal fraction) => (fraction * 100m).ToString("0.00##", Invariant) + "%";

    public static string Money(decimal amount) => amount.ToString("N2", Invariant);

    public static string Money(double amount) => double.IsFinite(amount) ? amount.ToString("N2", Invariant) : "n/a";

    public static string SignedMoney(decimal amount) => (amount > 0 ? "+" : "") + Money(amount);

    public static string Ratio(double value) => double.IsFinite(value) ? value.ToString("0.00", Invariant) : "n/a";

    /// <summary>An identifier (a seed, an agent): no thousands separator.</summary>
    public static string Id(long value) => value.ToString(Invariant);

    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A count or a rate, rounded to a whole number.</summary>
    public static string Count(double value) => double.IsFinite(value) ? value.ToString("N0", Invariant) : "n/a";

    /// <summary>A count that may be fractional (a median of counts): one decimal only when it has one.</summary>
    public static string MedianCount(double value) => double.IsFinite(value) ? value.ToString("#,0.#", Invariant) : "n/a";

    public static string Plain(decimal value) => value.ToString(Invariant);

    public static string Plain(double value) => double.IsFinite(value) ? value.ToString("0.####", Invariant) : "n/a";

    public static string Seconds(double seconds) => double.IsFinite(seconds) ? seconds.ToString("#,0.0", Invariant) + " s" : "n/a";

    /// <summary>A UTC time to the minute.</summary>
    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant);

    /// <summary>A UTC day, with the time only when it is not midnight.</summary>
    public static string Day(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.TimeOfDay == TimeSpan.Zero ? utc.ToString("yyyy-MM-dd", Invariant) : utc.ToString("yyyy-MM-dd HH:mm", Invariant);
    }

    /// <summary>An SVG coordinate: at most one decimal, invariant.</summary>
    public static string Coord(double value) => Math.Round(value, 1).ToString("0.#", Invariant);

    /// <summary>An axis label with as many decimals as the tick step needs.</summary>
    public static string Tick(double value, int decimals) =>
        (Math.Abs(value) < 1e-12 ? 0 : value).ToString("F" + decimals.ToString(Invariant), Invariant);
}
