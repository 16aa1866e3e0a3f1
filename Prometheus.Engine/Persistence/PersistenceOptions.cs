using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Persistence;

/// <summary>How often state is saved. Section: Prometheus:Persistence.</summary>
public sealed class PersistenceOptions : IValidatable
{
    public const string Section = "Prometheus:Persistence";

    /// <summary>A checkpoint (the agents changed since the last one) every this many cycles; also on every death and on exit.</summary>
    public int CheckpointEveryCycles { get; set; } = 5;

    /// <summary>
    /// A full, compressed, checksummed snapshot every this many minutes (wall time), or every
    /// <see cref="SnapshotEveryCycles"/> cycles, whichever comes first; both counted from the last snapshot saved, so a
    /// restart never puts the next one off.
    /// </summary>
    public double SnapshotIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// A full snapshot every this many cycles (bars), or every <see cref="SnapshotIntervalMinutes"/>, whichever comes first:
    /// a restart replays at most the journal of this many cycles on top of the newest snapshot.
    /// </summary>
    public int SnapshotEveryCycles { get; set; } = 5_000;

    /// <summary>Full snapshots kept; older ones are deleted.</summary>
    public int SnapshotsKept { get; set; } = 3;

    /// <summary>How far back point-in-time recovery reaches: one older snapshot and the events since it are kept for it.</summary>
    public double PointInTimeHours { get; set; } = 24;

    public IEnumerable<string> Validate() =>
        Check.Range($"{Section}:CheckpointEveryCycles", CheckpointEveryCycles, 1, 100_000)
            .Concat(Check.Range($"{Section}:SnapshotIntervalMinutes", SnapshotIntervalMinutes, 0.1, 7 * 24 * 60))
            .Concat(Check.Range($"{Section}:SnapshotEveryCycles", SnapshotEveryCycles, 10, 10_000_000))
            .Concat(Check.Range($"{Section}:SnapshotsKept", SnapshotsKept, 1, 100))
            .Concat(Check.Range($"{Section}:PointInTimeHours", PointInTimeHours, 0, 24 * 365));
}
