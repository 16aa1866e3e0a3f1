namespace Prometheus.Engine.Market;

/// <summary>
/// One named candle series, an input of <see cref="AlignedSeries"/>: <paramref name="Id"/> names the instrument
/// (e.g. <c>okx:ETH-USDT-SWAP</c>) in every error and in the aligned output, <paramref name="IntervalMs"/> is its bar
/// interval and <paramref name="Bars"/> its bars in ascending open time. Nothing is checked here: the aligner checks
/// the bars (see <see cref="AlignedSeries"/>) and names this series when one is wrong.
/// </summary>
public sealed record CandleSeries(string Id, long IntervalMs, IReadOnlyList<Candle> Bars)
{
    /// <summary>
    /// A candle file's bars under the name <paramref name="id"/>, its interval that of its first two bars. A file that
    /// <paramref name="recordsNoVolume"/> (mark price candles) gives real bars of unknown volume (<see cref="Candle.UnknownVolume"/>), not holes.
    /// </summary>
    /// <exception cref="CandleDataException">The file is missing or malformed, or holds fewer than two bars.</exception>
    public static CandleSeries Load(string id, string path, bool recordsNoVolume)
    {
        var bars = CandleFileReader.Read(path, volumeMayBeEmpty: recordsNoVolume)
            .Select(c => recordsNoVolume ? c.WithUnknownVolume() : c).ToList();
        if (bars.Count < 2)
            throw new CandleDataException($"{path} holds {bars.Count} candle(s); a series needs at least 2");
        return new CandleSeries(id, bars[1].TimestampMs - bars[0].TimestampMs, bars);
    }

    /// <summary>All of <paramref name="source"/>'s bars under the name <paramref name="id"/>.</summary>
    public static CandleSeries From(string id, ICandleSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new CandleSeries(id, source.IntervalMs, source.Read(source.FirstOpenMs, source.EndMs));
    }
}
