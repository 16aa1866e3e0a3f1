namespace Prometheus.Engine.Persistence.Rows;

/// <summary>
/// The Supervisor's and the Mastermind's own state as of the last checkpoint (table EngineState, one row): environment
/// pressure, cycle count, runtime, risk, marks, market state; the Mastermind's pool and decision count (its decisions
/// are rows of MastermindDecisions).
/// </summary>
public sealed class EngineStateRow
{
    public int Id { get; set; } = 1;
    public string Supervisor { get; set; } = "";
    public string Mastermind { get; set; } = "";
    public long Version { get; set; }
    public long TakenAtMs { get; set; }
    public long RecordedAtMs { get; set; }
}
