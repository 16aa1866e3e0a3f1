namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// The system clock moved to another time, still ticking: a server and a gateway that share it agree on the time (so
/// signatures pass), and a test can jump both across a funding time. Timers run on real time.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public ShiftedClock(DateTimeOffset now) => MoveTo(now);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Puts the clock at <paramref name="now"/>; it runs on from there.</summary>
    public void MoveTo(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - System.GetUtcNow()).Ticks);
}
