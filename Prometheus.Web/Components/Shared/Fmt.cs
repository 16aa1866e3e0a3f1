using System.Globalization;

namespace Prometheus.Web.Components.Shared;

/// <summary>
/// How the pages write numbers and times. Display only: the values stay decimal, and rounding happens here, at the
/// last step, never in anything that books. Invariant culture: a trader reads the same figures on every machine.
/// </summary>
public static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>USDT with cents: 12,345.67.</summary>
    public static string Usd(decimal value) => value.ToString("#,##0.00", C);

    /// <summary>A signed amount: +123.45 / −67.80 (a real minus sign, easier to see).</summary>
    public static string Signed(decimal value) => (value > 0m ? "+" : value < 0m ? "\u2212" : "") + Math.Abs(value).ToString("#,##0.00", C);

    /// <summary>A fraction as a percentage: 0.0321 → 3.21%.</summary>
    public static string Pct(decimal fraction, int decimals = 2) => (fraction * 100m).ToString("N" + decimals, C) + "%";

    public static string Pct(double fraction, int decimals = 1) => (fraction * 100).ToString("N" + decimals, C) + "%";

    public static string SignedPct(decimal fraction) => (fraction > 0m ? "+" : fraction < 0m ? "\u2212" : "") + Pct(Math.Abs(fraction));

    /// <summary>A BTC price: 64,123.4.</summary>
    public static string Price(decimal value) => value.ToString("#,##0.0#", C);

    /// <summary>A size in BTC or contracts, trailing zeros dropped: 0.0123.</summary>
    public static string Amount(decimal value) => value.ToString("0.########", C);

    public static string Number(long value) => value.ToString("#,##0", C);

    public static string Number(double value, int decimals = 2) => value.ToString("N" + decimals, C);

    /// <summary>Market time (the replay's clock in paper mode), UTC.</summary>
    public static string Time(long unixMs) => unixMs <= 0 ? "—" : DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm", C);

    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", C) : "—";

    public static string Seconds(DateTimeOffset? at) => at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", C) : "—";

    /// <summary>CSS class for a PnL: green above zero, red below.</summary>
    public static string Tone(decimal value) => value > 0m ? "up" : value < 0m ? "down" : "flat";

    public static string Days(double days) => days < 1 ? (days * 24).ToString("0.#", C) + " h" : days.ToString("0.#", C) + " d";
}
