using System.Globalization;

namespace Prometheus.Web.Components.Shared;

/// <summary>How the Research page writes a report's figures: ratios to two places, a ratio that is not a number as a dash.</summary>
public static class ReportFigures
{
    public static string Ratio(double value) =>
        double.IsFinite(value) ? (value < 0 ? "−" : "") + Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static string Ratio(double? value) => value is { } v ? Ratio(v) : "—";

    /// <summary>A share of seeds, 0 to 1, as a whole percentage.</summary>
    public static string Share(double value) => double.IsFinite(value) ? Fmt.Pct(value, 0) : "—";

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
