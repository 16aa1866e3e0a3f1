namespace Prometheus.Web.Reports;

/// <summary>
/// POST /api/backtests and the Research page's form: the backtest verb's arguments. Every field is optional:
/// <see cref="BacktestJobs.DefaultAgents"/> agents, the last <see cref="BacktestJobs.DefaultDays"/> days of the data, seed
/// <see cref="BacktestJobs.DefaultSeed"/> and the configured gene profile.
/// </summary>
public sealed record BacktestRequest(int? Agents, DateOnly? From, DateOnly? To, int? Seed, string? Profile);

/// <summary>What asking for a backtest did: started it, refused the input (naming the field), or refused because one runs.</summary>
public abstract record BacktestStart
{
    public sealed record Started(BacktestJobView Job) : BacktestStart;

    public sealed record Invalid(string Field, string Error) : BacktestStart;

    public sealed record Busy(string Error) : BacktestStart;
}

/// <summary>
/// GET /api/backtests/current: the last backtest started from the browser or the API since the host started. State is
/// idle (none yet), running, done, failed or cancelled; progress runs from 0 to 1 over the traded bars; the report's file
/// name is set once it is written to the reports folder.
/// </summary>
public sealed record BacktestJobView(
    string State,
    double Progress,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ReportName,
    string? Error,
    int? Agents,
    DateOnly? From,
    DateOnly? To,
    int? Seed,
    string? Profile)
{
    public const string Idle = "idle", Running = "running", Done = "done", Failed = "failed", Cancelled = "cancelled";

    public static readonly BacktestJobView None = new(Idle, 0, null, null, null, null, null, null, null, null, null);
}
