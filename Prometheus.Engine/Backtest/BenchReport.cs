namespace Prometheus.Engine.Backtest;

/// <summary>The bench verb's JSON: one section per measured path (the persistence ones are null when skipped).</summary>
public sealed record BenchReport(BenchBacktest Backtest, BenchBooking? Booking = null, BenchCheckpoint? Checkpoint = null, BenchRestore? Restore = null,
    ReconciliationBenchReport? Reconciliation = null, BenchOrderRoundTrip? OrderRoundTrip = null, BenchBacktest? BacktestOkx15m = null,
    BenchResearch? Research = null, BenchRestart? Restart = null, BenchDashboard? Dashboard = null, IReadOnlyList<BenchStore>? Store = null);

/// <summary>
/// The store on one provider (Sqlite; Postgres when a connection string is configured): a durable booking's p99 and a
/// restore of the engine with <see cref="Records"/> trade records, and a checkpoint of every agent, measured the same way
/// on each. Beside them, what EF Core costs on the same paths: the bookings and the checkpoints written through EF Core,
/// and the trade rows read alone by the store's reader and by an EF Core query (why the store writes bookings and
/// checkpoints and reads trade rows outside EF Core where it does).
/// </summary>
public sealed record BenchStore(string Provider, double BookingP99Ms, double RestoreSeconds, double BookingP50Ms, int Records,
    double TradeRowsSeconds, double TradeRowsEfCoreSeconds, double BookingEfCoreP50Ms, double BookingEfCoreP99Ms,
    double CheckpointP50Ms, double CheckpointP99Ms, double CheckpointEfCoreP50Ms, double CheckpointEfCoreP99Ms);

/// <summary>
/// The dashboard's figures: a fill booked by the Supervisor until a SignalR client of /hubs/engine receives it (p50,
/// p99, over <see cref="FillsMeasured"/> fills of <see cref="TradingAgents"/> agents trading), and a month of history
/// loaded through IHistory (<see cref="History"/>), each with its target and whether it was met.
/// </summary>
public sealed record BenchDashboard(int TradingAgents, int FillsMeasured, double FillToBrowserP50Ms, double FillToBrowserP99Ms,
    double FillToBrowserTargetMs, bool FillToBrowserTargetMet, double HistoryLoadMs, double HistoryLoadTargetMs, bool HistoryLoadTargetMet,
    BenchHistory History);

/// <summary>
/// The research verb's own path: <see cref="Seeds"/> full runs of <see cref="Agents"/> agents over <see cref="Bars"/> bars
/// (the data before the holdout), on <see cref="Workers"/> workers; memory is the process's peak, and that peak per worker.
/// </summary>
public sealed record BenchResearch(int Seeds, int Agents, int Bars, int Workers, double Seconds, double AgentBarsPerSecond,
    double PeakWorkingSetMb, double PeakWorkingSetMbPerWorker, string Data, string Verdict);

/// <summary>An order through the OKX gateway against exchange-sim on loopback: placed, its fill pushed, booked.</summary>
public sealed record BenchOrderRoundTrip(int Orders, double P50Ms, double P99Ms);

public sealed record BenchBacktest(
    int Agents,
    long Bars,
    double AgentBarsPerSecond,
    double FillsPerSecond,
    double PeakWorkingSetMb,
    double Seconds,
    string Data,
    double? ColdAgentBarsPerSecond = null);
