using Prometheus.Engine.Backtest;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Web.Configuration;

/// <summary>
/// One instrument's candle file in a replay of several series (Prometheus:Paper:Series:&lt;n&gt;, Prometheus:Sim:Series:&lt;n&gt;): the
/// <see cref="Instrument"/> id it prices, the <see cref="Data"/> file, and whether that file records no volume (mark price
/// candles: real bars of unknown volume, see Candle.UnknownVolume), and optionally the OKX <see cref="Bar"/> its bars are
/// gathered into (whole ones only) so that files of different intervals align: 15m traded candles beside 1H mark prices.
/// </summary>
public sealed class ReplaySeries
{
    public string Instrument { get; set; } = "";

    public string Data { get; set; } = "";

    public bool RecordsNoVolume { get; set; }

    /// <summary>An OKX bar name (e.g. 1H) coarser than the file's bars to gather them into; empty keeps the file's.</summary>
    public string Bar { get; set; } = "";

    /// <summary>The bar the file's bars are gathered into, when <see cref="Bar"/> names one.</summary>
    public OkxBar? GatheredInto => OkxBars.TryGet(Bar, out var bar) ? bar : null;

    /// <summary>The same series as a backtest takes it.</summary>
    public InstrumentSeriesFile ToFile() => new(Instrument, DataPath, RecordsNoVolume, GatheredInto);

    /// <summary>The file as an absolute path (a relative one is taken from the executable's folder).</summary>
    public string DataPath => ShippedData.Resolve(Data);

    /// <summary>The problems of a <c>Series</c> list under <paramref name="section"/>, each naming its key.</summary>
    public static IEnumerable<string> Validate(IReadOnlyList<ReplaySeries>? list, string section)
    {
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var series = list![i];
            var key = $"{section}:Series:{i}";
            if (string.IsNullOrWhiteSpace(series.Instrument))
                yield return $"{key}:Instrument must name an instrument id such as okx:ETH-USDT-SWAP (was empty)";
            else if (list.Take(i).Any(s => s.Instrument == series.Instrument))
                yield return $"{key}:Instrument {series.Instrument} has a series already";
            if (string.IsNullOrWhiteSpace(series.Data))
                yield return $"{key}:Data must name a candle file (was empty)";
            else if (!File.Exists(series.DataPath))
                yield return $"{key}:Data must name an existing candle file (not found: {series.DataPath})";
            if (series.Bar.Length > 0 && !OkxBars.IsKnown(series.Bar))
                yield return $"{key}:Bar must be an OKX bar such as 1H (one of {string.Join(", ", OkxBars.Known)}), or empty for the file's own (was '{series.Bar}')";
        }
    }
}
