using System.Globalization;
using Prometheus.Engine.Ledger;

namespace Prometheus.Web.Components.Shared;

/// <summary>
/// How the pages write numbers, sides and times: one format everywhere. Display only: the values stay decimal, and
/// rounding happens here, at the last step, never in anything that books. Invariant culture: a trader reads the same
/// figures on every machine.
/// </summary>
public static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private const string Minus = "\u2212";

    /// <summary>USDT with thousands separators and cents: 12,345.67.</summary>
    public static string Usd(decimal value) => (value < 0m ? Minus : "") + Math.Abs(value).ToString("#,##0.00", C);

    /// <summary>An amount with its unit: 12,345.67 USDT.</summary>
    public static string Usdt(decimal value) => Usd(value) + " USDT";

    /// <summary>A signed amount: +123.45 / −67.80 (a real minus sign, easier to see).</summary>
    public static string Signed(decimal value) => (value > 0m ? "+" : value < 0m ? Minus : "") + Math.Abs(value).ToString("#,##0.00", C);

    /// <summary>A fraction as a percentage (a level: win rate, drawdown, a share): 0.0321 → 3.21%.</summary>
    public static string Pct(decimal fraction, int decimals = 2) => (fraction < 0m ? Minus : "") + Math.Abs(fraction * 100m).ToString("N" + decimals, C) + "%";

    public static string Pct(double fraction, int decimals = 1) => (fraction < 0 ? Minus : "") + Math.Abs(fraction * 100).ToString("N" + decimals, C) + "%";

    /// <summary>A change as a percentage, always with its sign: +3.21% / −0.50% / 0.00%.</summary>
    public static string SignedPct(decimal fraction) => (fraction > 0m ? "+" : "") + Pct(fraction);

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

    /// <summary>
    /// A fill's side as the exchange saw it (buy or sell) and what it did to the agent's position (long or short):
    /// "buy", "open long". One reading on every page: a short is opened by a sell and covered by a buy.
    /// </summary>
    public static (string Direction, string Effect) Side(TradeSide side) => side switch
    {
        TradeSide.Buy => ("buy", "open long"),
        TradeSide.Add => ("buy", "add long"),
        TradeSide.Sell => ("sell", "close long"),
        TradeSide.Short => ("sell", "open short"),
        TradeSide.AddShort => ("sell", "add short"),
        TradeSide.Cover => ("buy", "close short"),
        _ => (side.ToWire(), ""),
    };

    /// <summary>An exchange order's side and position side as they arrive ("buy", "long"): "buy · long".</summary>
    public static string Side(string side, string? posSide) =>
        string.IsNullOrEmpty(posSide) || posSide == "net" ? side.ToLowerInvariant() : $"{side.ToLowerInvariant()} · {posSide.ToLowerInvariant()}";
}
