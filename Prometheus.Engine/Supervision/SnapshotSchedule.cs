namespace Prometheus.Engine.Supervision;

/// <summary>
/// When the trading loop takes a full snapshot: every <c>everyCycles</c> cycles or every <c>every</c> of wall time,
/// whichever comes first, counted from the last snapshot the store holds, not from this process's start. A restart
/// therefore never postpones the next snapshot (an engine restarted every half hour used to keep only the snapshot of
/// its first start and replay its whole journal at every restart), and the journal a restart replays stays bounded.
/// </summary>
public sealed class SnapshotSchedule(int everyCycles, TimeSpan every, long lastCycle, DateTimeOffset lastAt)
{
    private long _lastCycle = lastCycle;
    private DateTimeOffset _lastAt = lastAt;

    /// <summary>Counted from <paramref name="now"/> and <paramref name="cycle"/>: a process with no snapshot behind it.</summary>
    public static SnapshotSchedule From(int everyCycles, TimeSpan every, long cycle, DateTimeOffset now) => new(everyCycles, every, cycle, now);

    public int EveryCycles => everyCycles;
    public TimeSpan Every => every;

    public bool IsDue(long cycle, DateTimeOffset now) => cycle - _lastCycle >= everyCycles || now - _lastAt >= every;

    /// <summary>A snapshot was taken at <paramref name="cycle"/>, <paramref name="now"/>: the next one is counted from here.</summary>
    public void Taken(long cycle, DateTimeOffset now)
    {
        _lastCycle = cycle;
        _lastAt = now;
    }
}
