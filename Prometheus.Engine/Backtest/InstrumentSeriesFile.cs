namespace Prometheus.Engine.Backtest;

/// <summary>
/// The candle file that prices one instrument in a backtest over several (<c>backtest --instruments</c>).
/// <paramref name="RecordsNoVolume"/>: the file has no volume column worth the name (OKX mark price candles); its bars
/// are read as real bars of unknown volume (<see cref="Market.Candle.UnknownVolume"/>), not as holes.
/// </summary>
public sealed record InstrumentSeriesFile(string InstrumentId, string Path, bool RecordsNoVolume);
