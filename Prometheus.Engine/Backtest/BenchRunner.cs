using System.Diagnostics;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// Measures the real backtest path (the same <see cref="BacktestRunner"/>): agent-bars per second over the whole
/// series, fills booked per second inside the booking step, and the process's peak working set; then the store's
/// paths (<see cref="PersistenceBench"/>): durable booking, checkpoint and restore; and a full reconciliation of 100 agents
/// against 10,000 fills (<see cref="ReconciliationBench"/>).
/// </summary>
public static class BenchRunner
{
    /// <param name="records">Trade records in the ledger the restore is timed on.</param>
    public static BenchReport Run(string dataPath, int agents, EngineOptions options,
        IProgress<BacktestProgress>? progress = null, CancellationToken ct = default, int records = 1_000_000,
        FundingRates? funding = null)
    {
        var backtest = Backtest(dataPath, agents, options, progress, ct, funding);
        return Store(backtest, options, records, ct);
    }

    /// <summary>
    /// The store's paths, a restart against a long journal (<see cref="RestartBench"/>, <paramref name="journalEvents"/> events
    /// behind the last snapshot; 0 skips it) and a full reconciliation, added to a report whose backtest was measured already.
    /// </summary>
    /// <param name="postgresServer">A PostgreSQL server to measure the store on as well (in a temporary database); null: SQLite only.</param>
    public static BenchReport Store(BenchBacktest backtest, EngineOptions options, int records, CancellationToken ct, int journalEvents = 1_000_000,
        string? postgresServer = null)
    {
        var (booking, checkpoint, restore) = PersistenceBench.Run(options, records: records, ct: ct);
        List<BenchStore> stores = [new(nameof(Persistence.StoreProvider.Sqlite), booking.P99Ms, restore.Seconds, booking.P50Ms, restore.Records,
            restore.TradeRowsSeconds, restore.TradeRowsEfCoreSeconds, booking.EfCoreP50Ms, booking.EfCoreP99Ms,
            checkpoint.P50Ms, checkpoint.P99Ms, checkpoint.EfCoreP50Ms, checkpoint.EfCoreP99Ms)];
        if (postgresServer is not null)
        {
            var (pgBooking, pgCheckpoint, pgRestore) = PersistenceBench.Run(options, records: records, ct: ct, postgresServer: postgresServer);
            stores.Add(new(nameof(Persistence.StoreProvider.Postgres), pgBooking.P99Ms, pgRestore.Seconds, pgBooking.P50Ms, pgRestore.Records,
                pgRestore.TradeRowsSeconds, pgRestore.TradeRowsEfCoreSeconds, pgBooking.EfCoreP50Ms, pgBooking.EfCoreP99Ms,
                pgCheckpoint.P50Ms, pgCheckpoint.P99Ms, pgCheckpoint.EfCoreP50Ms, pgCheckpoint.EfCoreP99Ms));
        }
        var restart = journalEvents > 0 ? RestartBench.Run(options, journalEvents, ct: ct) : null;
        return new BenchReport(backtest, booking, checkpoint, restore, ReconciliationBench.Run(), Restart: restart, Store: stores);
    }

    /// <summary>
    /// One backtest (seed 1) through the real path, warm: the same backtest runs once untimed first, so the figures are the
    /// steady state (JIT tiers and the GC's budgets settled) and not the first run's start-up. Agent-bars per second, fills
    /// per second, peak working set; <see cref="BenchBacktest.ColdAgentBarsPerSecond"/> keeps the first run's figure.
    /// </summary>
    public static BenchBacktest Backtest(string dataPath, int agents, EngineOptions options, IProgress<BacktestProgress>? progress,
        CancellationToken ct, FundingRates? funding = null)
    {
        var settings = new BacktestSettings(dataPath, agents, Seed: 1, Funding: funding);
        var cold = BacktestRunner.Run(settings, options, progress, ct);
        var report = BacktestRunner.Run(settings, options, progress, ct);
        return new BenchBacktest(
            Agents: agents,
            Bars: report.Bars,
            AgentBarsPerSecond: report.AgentBarsPerSecond,
            FillsPerSecond: report.BookingSeconds > 0 ? report.Bookings / report.BookingSeconds : 0,
            PeakWorkingSetMb: PeakWorkingSetMb(),
            Seconds: report.ElapsedSeconds,
            Data: Path.GetFileName(dataPath),
            ColdAgentBarsPerSecond: cold.AgentBarsPerSecond);
    }

    /// <summary>
    /// A research run as the verb does it (default walk-forward and holdout), <paramref name="seeds"/> seeds on every core:
    /// seconds, agent-bars per second over all runs, and the process's peak working set shared by its workers.
    /// </summary>
    public static BenchResearch Research(ICandleSource source, int seeds, int agents, EngineOptions options, FundingRates funding,
        IProgress<Prometheus.Engine.Research.ResearchProgress>? progress, CancellationToken ct)
    {
        var report = Prometheus.Engine.Research.ResearchRunner.Run(source, new Prometheus.Engine.Research.ResearchSettings(Seeds: seeds, Agents: agents), options, funding, progress, ct);
        var bars = source.Read(report.Period.From.ToUnixTimeMilliseconds(), report.Period.To.ToUnixTimeMilliseconds()).Count;
        var peak = PeakWorkingSetMb();
        return new BenchResearch(seeds, agents, bars, report.Parallel, report.Seconds, report.AgentBarsPerSecond, peak, peak / report.Parallel,
            source.Name, report.Summary.Verdict);
    }

    private static double PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
