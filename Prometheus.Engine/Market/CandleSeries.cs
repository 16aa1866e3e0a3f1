namespace Prometheus.Engine.Market;

/// <summary>
/// One named candle series, an input of <see cref="AlignedSeries"/>: <paramref name="Id"/> names the instrument
/// (e.g. <c>okx:ETH-USDT-SWAP</c>) in every error and in the aligned output, <paramref name="IntervalMs"/> is its bar
/// interval and <paramref name="Bars"/> its bars in ascending open time. Nothing is checked here: the aligner checks
/// the bars (see <see cref="AlignedSeries"/>) and names this series when one is wrong.
/// </summary>
public sealed record CandleSeries(string Id, long IntervalMs, IReadOnlyList<Candle> Bars)
{
    /// <summary>All of <paramref name="source"/>'s bars under the name <paramref name="id"/>.</summary>
    public static CandleSeries From(string id, ICandleSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new CandleSeries(id, source.IntervalMs, source.Read(source.FirstOpenMs, source.EndMs));
    }
}
