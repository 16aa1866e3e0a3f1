namespace Prometheus.Engine.Research;

/// <summary>How far a research run is: seeds finished, and test windows (and holdouts) traded, over all seeds.</summary>
public readonly record struct ResearchProgress(int SeedsDone, int SeedsTotal, int WindowsDone, int WindowsTotal);
