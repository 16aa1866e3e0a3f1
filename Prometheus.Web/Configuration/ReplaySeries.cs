namespace Prometheus.Web.Configuration;

/// <summary>
/// One instrument's candle file in a replay of several series (Prometheus:Paper:Series:&lt;n&gt;, Prometheus:Sim:Series:&lt;n&gt;): the
/// <see cref="Instrument"/> id it prices, the <see cref="Data"/> file, and whether that file records no volume (mark price
/// candles: real bars of unknown volume, see Candle.UnknownVolume).
/// </summary>
public sealed class ReplaySeries
{
    public string Instrument { get; set; } = "";

    public string Data { get; set; } = "";

    public bool RecordsNoVolume { get; set; }

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
        }
    }
}
