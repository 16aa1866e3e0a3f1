namespace Prometheus.Engine.Backtest;

/// <summary>
/// The candle file that prices one instrument in a backtest over several (<c>backtest --instruments</c>).
/// <paramref name="RecordsNoVolume"/>: the file has no volume column worth the name (OKX mark price candles); its bars
/// are read as real bars of unknown volume (<see cref="Market.Candle.UnknownVolume"/>), not as holes. <paramref name="Bar"/>:
/// the file's bars gathered into this coarser bar (whole ones only), so series of different intervals can be aligned.
/// </summary>
public sealed record InstrumentSeriesFile(string InstrumentId, string Path, bool RecordsNoVolume, Exchange.Okx.OkxBar? Bar = null);
