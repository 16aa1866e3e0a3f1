namespace Prometheus.Web.Configuration;

/// <summary>
/// One instrument's candle file in a paper replay of several series (Prometheus:Paper:Series:&lt;n&gt;): the
/// <see cref="Instrument"/> id it prices, the <see cref="Data"/> file, and whether that file records no volume (mark price
/// candles: real bars of unknown volume, see Candle.UnknownVolume).
/// </summary>
public sealed class PaperSeries
{
    public string Instrument { get; set; } = "";

    public string Data { get; set; } = "";

    public bool RecordsNoVolume { get; set; }

    /// <summary>The file as an absolute path (a relative one is taken from the executable's folder).</summary>
    public string DataPath => ShippedData.Resolve(Data);
}
