namespace Prometheus.Engine.Market;

/// <summary>One OHLCV bar. <see cref="TimestampMs"/> is the bar's open time in Unix milliseconds, UTC.</summary>
public readonly record struct Candle(long TimestampMs, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    /// <summary>
    /// The volume of a bar from a series that records none (OKX mark price candles): the bar is real, its price traded,
    /// but how much is not known. The simulated fill model then fills at the close plus slippage with no participation
    /// cap and no volume impact (see <c>BarFillModel</c>), which a report on such series says.
    /// </summary>
    public const decimal UnknownVolume = -1m;

    /// <summary>A zero-volume flat bar marks an exchange-side hole, not real trading.</summary>
    public bool IsEmpty => Volume == 0m;

    /// <summary>The bar comes from a series without volume: see <see cref="UnknownVolume"/>.</summary>
    public bool VolumeUnknown => Volume < 0m;

    /// <summary>This bar, from a series that records no volume, marked so (a real bar, not a hole).</summary>
    public Candle WithUnknownVolume() => this with { Volume = UnknownVolume };
}
