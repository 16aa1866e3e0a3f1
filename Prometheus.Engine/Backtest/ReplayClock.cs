namespace Prometheus.Engine.Backtest;

/// <summary>The clock of a replay: it stands at the close of the bar being processed, and moves only forward.</summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void MoveTo(DateTimeOffset time)
    {
        if (time < _now)
            throw new InvalidOperationException($"The replay clock cannot go back from {_now:O} to {time:O}.");
        _now = time;
    }
}
