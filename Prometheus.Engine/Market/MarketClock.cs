namespace Prometheus.Engine.Market;

/// <summary>The market's clock, in a replay and live alike: it stands at the close of the bar being processed and moves only forward.</summary>
public sealed class MarketClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void MoveTo(DateTimeOffset time)
    {
        if (time < _now)
            throw new InvalidOperationException($"The market clock cannot go back from {_now:O} to {time:O}.");
        _now = time;
    }
}
