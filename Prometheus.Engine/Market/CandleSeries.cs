using Prometheus.Engine.Exchange.Okx;

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
    /// With <paramref name="bar"/>, the file's bars are gathered into that coarser bar, whole ones only (<see cref="WholeBars"/>).
    /// </summary>
    /// <exception cref="CandleDataException">The file is missing or malformed, holds fewer than two bars, or is coarser than <paramref name="bar"/>.</exception>
    public static CandleSeries Load(string id, string path, bool recordsNoVolume, OkxBar? bar = null)
    {
        var bars = CandleFileReader.Read(path, volumeMayBeEmpty: recordsNoVolume)
            .Select(c => recordsNoVolume ? c.WithUnknownVolume() : c).ToList();
        if (bars.Count < 2)
            throw new CandleDataException($"{path} holds {bars.Count} candle(s); a series needs at least 2");
        var intervalMs = bars[1].TimestampMs - bars[0].TimestampMs;
        if (bar is not { } coarser || coarser.LengthMs == intervalMs)
            return new CandleSeries(id, intervalMs, bars);
        if (coarser.LengthMs < intervalMs || coarser.LengthMs % intervalMs != 0)
            throw new CandleDataException($"{path} holds bars of {TimeSpan.FromMilliseconds(intervalMs)}: they cannot be gathered into {coarser.Name} bars (a whole multiple of them)");
        var gathered = WholeBars.Of(bars, TimeSpan.FromMilliseconds(intervalMs), coarser);
        if (gathered.Count < 2)
            throw new CandleDataException($"{path} holds {gathered.Count} whole {coarser.Name} bar(s); a series needs at least 2");
        return new CandleSeries(id, coarser.LengthMs, gathered);
    }

    /// <summary>All of <paramref name="source"/>'s bars under the name <paramref name="id"/>.</summary>
    public static CandleSeries From(string id, ICandleSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new CandleSeries(id, source.IntervalMs, source.Read(source.FirstOpenMs, source.EndMs));
    }
}
