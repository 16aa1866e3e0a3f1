namespace Prometheus.Engine.Research;

/// <summary>
/// What the research verb is asked to do. Walk-forward: the data before the holdout ends with <see cref="Windows"/>
/// consecutive test windows of <see cref="TestDays"/> days, each traded by a population trained on what comes before it
/// (anchored: everything from the start; rolling: the <see cref="TrainDays"/> days before it). The last
/// <see cref="HoldoutDays"/> days are never read unless <see cref="Final"/>. Each seed is a full, independent run.
/// </summary>
public sealed record ResearchSettings(
    int Seeds = 20,
    int FirstSeed = 1,
    int Agents = 100,
    int Windows = 4,
    /// <summary>Rolling training of this many days before each test window; null trains anchored (from the start).</summary>
    int? TrainDays = null,
    /// <summary>Days of each test window; null divides what follows the warm-up into windows + 1 parts (the first one trains).</summary>
    int? TestDays = null,
    int HoldoutDays = 90,
    bool Final = false,
    /// <summary>The gene profile; null takes Prometheus:Evolution:Profile.</summary>
    string? Profile = null,
    /// <summary>Seeds run at once; null takes the machine's core count. The report is the same whatever it is (timings aside).</summary>
    int? Parallel = null);
