namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// The system clock, whose timestamps (what rate limiters measure elapsed time with) run <paramref name="factor"/>
/// times fast: OKX's per-endpoint limits then let a fuzz through in seconds, while wall-clock time (signatures, orders)
/// stays true.
/// </summary>
public sealed class FastTimestampClock(int factor) : TimeProvider
{
    public override long GetTimestamp() => System.GetTimestamp() * factor;
}
