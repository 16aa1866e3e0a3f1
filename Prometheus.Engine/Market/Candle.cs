namespace Prometheus.Engine.Market;

/// <summary>One OHLCV bar. <see cref="TimestampMs"/> is the bar's open time in Unix milliseconds, UTC.</summary>
public readonly record struct Candle(long TimestampMs, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    /// <summary>A zero-volume flat bar marks an exchange-side hole, not real trading.</summary>
    public bool IsEmpty => Volume == 0m;
}
