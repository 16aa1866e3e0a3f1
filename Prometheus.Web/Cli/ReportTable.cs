using System.Globalization;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Research;

namespace Prometheus.Web.Cli;

/// <summary>
/// The backtest and bench reports as aligned plain-text tables for a person at a terminal.
/// Ratios in the reports are fractions (0.12); they are shown as percentages. Invariant culture.
/// </summary>
public static class ReportTable
{
    private const int LabelWidth = 24;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteBacktest(TextWriter output, BacktestReport report)
    {
        output.WriteLine($"Backtest of {Path.GetFileName(report.Data)}");
        Row(output, "period", $"{Stamp(report.From)} .. {Stamp(report.To)} UTC, {Count(report.Bars)} bars "
            + $"(after {Count(report.Period.WarmupBars)} warm-up bars, never traded nor measured)");
        Row(output, "agents, seed, profile", $"{Count(report.Agents)} at start, seed {report.Seed.ToString(Invariant)}, profile {report.Profile}");
        output.WriteLine();

        output.WriteLine($"{"Same bars",-LabelWidth}{"population",16}{"exp.-matched",16}{"buy & hold",16}{"cash",16}");
        Row(output, "ROI", Right(Percent(report.Roi, signed: true)) + Right(Percent(report.ExposureMatched.Roi, signed: true))
            + Right(Percent(report.BuyHold.Roi, signed: true)) + Right(Percent(report.Cash.Roi, signed: true)));
        Row(output, "Sharpe", Right(Ratio(report.Sharpe)) + Right(Ratio(report.ExposureMatched.Sharpe)) + Right(Ratio(report.BuyHold.Sharpe))
            + Right(Ratio(report.Cash.Sharpe)));
        Row(output, "max drawdown", Right(Percent(report.MaxDrawdown)) + Right(Percent(report.ExposureMatched.MaxDrawdown))
            + Right(Percent(report.BuyHold.MaxDrawdown)) + Right(Percent(report.Cash.MaxDrawdown)));
        Row(output, "fees paid", Right(Money(report.FeesPaid)) + Right(Money(report.ExposureMatched.FeesPaid)) + Right(Money(report.BuyHold.FeesPaid))
            + Right(Money(0m)));
        Row(output, "funding paid", Right(Money(report.FundingPaid)) + Right(Money(report.ExposureMatched.FundingPaid))
            + Right(Money(report.BuyHold.FundingPaid)) + Right(Money(0m)));
        Row(output, "net exposure", Right(Percent((decimal)report.AvgNetExposure)) + Right(Percent(report.ExposureMatched.Exposure))
            + Right(Percent(report.BuyHold.Exposure)) + Right(Percent(report.Cash.Exposure)));
        output.WriteLine();

        output.WriteLine("Population");
        Row(output, "alpha, beta", $"{Percent((decimal)report.Alpha, signed: true)} a year, beta {Ratio(report.Beta)} (daily returns against buy & hold)");
        Row(output, "information ratio", $"{Ratio(report.InformationRatio)} (against the exposure-matched benchmark)");
        Row(output, "gross exposure", Percent((decimal)report.AvgGrossExposure));
        Row(output, "deployed share", $"{Percent((decimal)report.DeployedShare)} of equity with agents (the rest idles in the pool)");
        Row(output, "ROI on deployed", Percent(report.RoiOnDeployed, signed: true));
        Row(output, "win rate", Percent(report.WinRate));
        Row(output, "trades", Count(report.Trades));
        Row(output, "avg holding time", Hours(report.AvgHoldingHours));
        Row(output, "funding times", $"{Count(report.FundingEvents.Recorded)} at OKX's recorded rate, {Count(report.FundingEvents.Defaulted)} at the default rate");
        Row(output, "equity", $"{Money(report.InitialCapital)} -> {Money(report.FinalEquity)} USDT");
        Row(output, "births, deaths", $"{Count(report.Births)}, {Count(report.Deaths)} (Valhalla {Count(report.Valhalla)}, alive {Count(report.AgentsAlive)})");
        output.WriteLine();

        var oos = report.OutOfSample;
        output.WriteLine($"{"Out of sample",-LabelWidth}{Stamp(oos.From)} .. {Stamp(oos.To)} UTC, genomes frozen");
        output.WriteLine($"{"",-LabelWidth}{"population",16}{"buy & hold",16}");
        Row(output, "ROI", Right(Percent(oos.Roi, signed: true)) + Right(Percent(oos.BuyHoldRoi, signed: true)));
        Row(output, "max drawdown", Right(Percent(oos.MaxDrawdown)));
        Row(output, "Sharpe", Right(Ratio(oos.Sharpe)));
        Row(output, "trades", Right(Count(oos.Trades)));
        output.WriteLine();

        if (report.MedianAgent is { } median)
        {
            output.WriteLine("Median agent (of every agent that lived, the dead included)");
            Row(output, "ROI on its stake", Percent(median.Roi, signed: true));
            Row(output, "Sharpe, max drawdown", $"{Ratio(median.Sharpe)}, {Percent(median.MaxDrawdown)}");
            Row(output, "trades", Count(median.Trades));
            output.WriteLine();
        }

        WriteBestAgent(output, report.BestAgent);

        output.WriteLine("Run");
        Row(output, "elapsed", $"{report.ElapsedSeconds.ToString("0.0", Invariant)} s");
        Row(output, "agent-bars/s", Count(report.AgentBarsPerSecond));
        Row(output, "ledger hash", report.LedgerHash);
    }

    public static void WriteResearch(TextWriter output, ResearchReport report)
    {
        var settings = report.Settings;
        output.WriteLine($"Research on {report.Data}");
        output.WriteLine();
        output.WriteLine(report.Summary.Verdict);
        output.WriteLine();
        Row(output, "seeds", $"{Count(settings.SeedCount)} (from {settings.FirstSeed.ToString(Invariant)}), {Count(settings.Agents)} agents, profile {report.Profile}");
        Row(output, "walk-forward", $"{Count(settings.Windows)} test windows of {Count(settings.TestDays)} days, {settings.Training} training"
            + (settings.TrainDays is { } train ? $" ({Count(train)} days)" : ""));
        Row(output, "data", $"{Stamp(report.Period.From)} .. {Stamp(report.Period.To)} UTC, {Count(report.Period.WarmupBars)} warm-up bars");
        Row(output, "holdout", $"{Stamp(report.Holdout.From)} .. {Stamp(report.Holdout.To)} UTC, " + (report.Holdout.Used ? "traded once (--final)" : "not read"));
        var costs = report.Costs;
        Row(output, "costs", $"taker {Percent(costs.SpotTakerFee)} spot, {Percent(costs.SwapTakerFee)} swap; slippage {costs.BaseSlippageBps.ToString(Invariant)} bps "
            + $"+ up to {costs.RandomSlippageBps.ToString(Invariant)} + impact; funding: {Count(costs.FundingTimesRecorded)} recorded, {Count(costs.FundingTimesDefaulted)} at {Percent(costs.DefaultFundingRate)}");
        output.WriteLine();

        var summary = report.Summary;
        output.WriteLine($"{"Test windows, over seeds",-LabelWidth}{"Sharpe median [p10, p90]",30}{"ROI median [p10, p90]",32}  beaten by population");
        void Model(string name, MetricDistribution d, double? beaten) =>
            Row(output, name, $"{Spread(d.Sharpe, Ratio),28}{Spread(d.Roi, v => Percent((decimal)v, signed: true)),32}  "
                + (beaten is { } share ? $"{Percent((decimal)share)} of seeds" : ""));
        Model("population", summary.Population, null);
        Model("random timing", summary.RandomTiming, summary.BeatsRandomTimingShare);
        Model("frozen genomes", summary.FrozenGenomes, summary.BeatsFrozenGenomesShare);
        Model("exposure-matched", summary.ExposureMatched, summary.BeatsExposureMatchedShare);
        Model("buy & hold", summary.BuyHold, summary.BeatsBuyHoldShare);
        output.WriteLine();

        output.WriteLine($"{"Seed (test Sharpe)",-LabelWidth}{"population",12}{"random",12}{"frozen",12}{"matched",12}{"buy&hold",12}{"pop. ROI",12}");
        foreach (var seed in report.Seeds)
        {
            var t = seed.Test;
            Row(output, seed.Seed.ToString(Invariant), $"{Ratio(t.Population.Sharpe),10}{Ratio(t.RandomTiming.Sharpe),12}{Ratio(t.FrozenGenomes.Sharpe),12}"
                + $"{Ratio(t.ExposureMatched.Sharpe),12}{Ratio(t.BuyHold.Sharpe),12}{Percent(t.Population.Roi, signed: true),12}");
        }
        output.WriteLine();
        Row(output, "elapsed", $"{report.Seconds.ToString("0.0", Invariant)} s on {Count(report.Parallel)} worker(s), {Count(report.AgentBarsPerSecond)} agent-bars/s");
    }

    private static void WriteBenchBacktest(TextWriter output, BenchBacktest backtest)
    {
        output.WriteLine($"Bench: backtest of {Path.GetFileName(backtest.Data)}");
        Row(output, "agents", Count(backtest.Agents));
        Row(output, "bars", Count(backtest.Bars));
        Row(output, "agent-bars/s", Count(backtest.AgentBarsPerSecond)
            + (backtest.ColdAgentBarsPerSecond is { } cold ? $" warm ({Count(cold)} on the first, cold run)" : ""));
        Row(output, "fills/s", Count(backtest.FillsPerSecond));
        Row(output, "peak working set", $"{backtest.PeakWorkingSetMb.ToString("N1", Invariant)} MB");
        Row(output, "elapsed", $"{backtest.Seconds.ToString("0.0", Invariant)} s");
    }

    private static string Spread(Spread spread, Func<double, string> format) =>
        $"{format(spread.Median)} [{format(spread.P10)}, {format(spread.P90)}]";

    public static void WriteBench(TextWriter output, BenchReport report)
    {
        WriteBenchBacktest(output, report.Backtest);
        if (report.BacktestOkx15m is { } okx)
        {
            output.WriteLine();
            WriteBenchBacktest(output, okx);
        }
        if (report.Research is { } research)
        {
            output.WriteLine();
            output.WriteLine($"Bench: research on {research.Data}");
            Row(output, "seeds, agents", $"{Count(research.Seeds)}, {Count(research.Agents)} ({Count(research.Bars)} bars before the holdout)");
            Row(output, "elapsed", $"{research.Seconds.ToString("0.0", Invariant)} s on {Count(research.Workers)} worker(s)");
            Row(output, "agent-bars/s", Count(research.AgentBarsPerSecond));
            Row(output, "peak working set", $"{research.PeakWorkingSetMb.ToString("N1", Invariant)} MB ({research.PeakWorkingSetMbPerWorker.ToString("N1", Invariant)} MB a worker)");
        }
        if (report.Booking is { } booking)
        {
            output.WriteLine();
            output.WriteLine($"Bench: store (SQLite, synchronous=FULL)");
            Row(output, "booking p50 / p99", $"{booking.P50Ms.ToString("0.000", Invariant)} / {booking.P99Ms.ToString("0.000", Invariant)} ms ({Count(booking.Count)} bookings)");
        }
        if (report.Checkpoint is { } checkpoint)
            Row(output, "checkpoint p50 / p99", $"{checkpoint.P50Ms.ToString("0.0", Invariant)} / {checkpoint.P99Ms.ToString("0.0", Invariant)} ms ({Count(checkpoint.Agents)} agents)");
        if (report.Restore is { } restore)
            Row(output, "restore", $"{restore.Seconds.ToString("0.00", Invariant)} s ({Count(restore.Agents)} agents, {Count(restore.Records)} records)");
        if (report.Restart is { } restart)
        {
            Row(output, "restart, long journal", $"{restart.Seconds.ToString("0.00", Invariant)} s ({Count(restart.JournalEvents)} events behind the snapshot, {Count(restart.TradeRecords)} trade records)");
            var s = restart.Scheduled;
            Row(output, "restart, scheduled", $"{s.Seconds.ToString("0.00", Invariant)} s ({Count(s.ReplayedEvents)} of {Count(s.RunEvents)} events replayed, a snapshot every {Count(s.SnapshotEveryCycles)} cycles)");
        }
        if (report.Store is { Count: > 0 } stores)
        {
            output.WriteLine();
            output.WriteLine("Bench: store by provider (a durable booking; a restore with every trade record)");
            foreach (var store in stores)
                Row(output, store.Provider, $"booking p50 / p99 {store.BookingP50Ms.ToString("0.000", Invariant)} / {store.BookingP99Ms.ToString("0.000", Invariant)} ms, " +
                    $"checkpoint p50 / p99 {store.CheckpointP50Ms.ToString("0.0", Invariant)} / {store.CheckpointP99Ms.ToString("0.0", Invariant)} ms, " +
                    $"restore {store.RestoreSeconds.ToString("0.00", Invariant)} s ({Count(store.Records)} records)");
            output.WriteLine("Bench: the same paths through EF Core (why the store books, checkpoints and restores trade rows outside it where it does)");
            foreach (var store in stores)
                Row(output, store.Provider, $"booking p50 / p99 {store.BookingEfCoreP50Ms.ToString("0.000", Invariant)} / {store.BookingEfCoreP99Ms.ToString("0.000", Invariant)} ms, " +
                    $"checkpoint p50 / p99 {store.CheckpointEfCoreP50Ms.ToString("0.0", Invariant)} / {store.CheckpointEfCoreP99Ms.ToString("0.0", Invariant)} ms; " +
                    $"trade rows read alone {store.TradeRowsEfCoreSeconds.ToString("0.00", Invariant)} s, the store's reader {store.TradeRowsSeconds.ToString("0.00", Invariant)} s");
        }
        if (report.OrderRoundTrip is { } roundTrip)
        {
            output.WriteLine();
            output.WriteLine("Bench: an order through the OKX gateway against exchange-sim on loopback (placed, fill pushed, booked)");
            Row(output, "round trip p50 / p99", $"{roundTrip.P50Ms.ToString("0.0", Invariant)} / {roundTrip.P99Ms.ToString("0.0", Invariant)} ms ({Count(roundTrip.Orders)} orders)");
        }
        if (report.Dashboard is { } dashboard)
        {
            output.WriteLine();
            output.WriteLine($"Bench: dashboard ({Count(dashboard.TradingAgents)} agents trading in paper mode, the serve host on loopback)");
            Row(output, "to browser p50 / p99", $"{dashboard.FillToBrowserP50Ms.ToString("0.0", Invariant)} / {dashboard.FillToBrowserP99Ms.ToString("0.0", Invariant)} ms"
                + $" ({Count(dashboard.FillsMeasured)} fills, booked to received on /hubs/engine): {Target(dashboard.FillToBrowserTargetMet, $"p99 ≤ {dashboard.FillToBrowserTargetMs.ToString("0", Invariant)} ms")}");
            var h = dashboard.History;
            Row(output, "history load", $"{dashboard.HistoryLoadMs.ToString("0.0", Invariant)} ms ({Count(h.Days)} days, {Count(h.Agents)} agents: {Count(h.EquityPoints)} equity points,"
                + $" {Count(h.Fills)} fills, through IHistory): {Target(dashboard.HistoryLoadTargetMet, $"≤ {dashboard.HistoryLoadTargetMs.ToString("0", Invariant)} ms")}");
        }
        if (report.Reconciliation is { } reconciliation)
        {
            output.WriteLine();
            output.WriteLine("Bench: reconciliation (full, median)");
            Row(output, "full reconciliation", $"{reconciliation.Seconds.ToString("0.000", Invariant)} s ({Count(reconciliation.Agents)} agents, {Count(reconciliation.Fills)} fills)");
        }
    }

    private static string Target(bool met, string target) => met ? $"target {target} met" : $"target {target} NOT met";

    private static void WriteBestAgent(TextWriter output, BestAgentReport? best)
    {
        if (best is null)
        {
            output.WriteLine("Best agent: none (no agent lived and no hero was kept)");
            output.WriteLine();
            return;
        }

        output.WriteLine($"Best agent #{best.Id.ToString(Invariant)} {best.Name} (picked after the fact among the living: survivorship, not a result)");
        Row(output, "capital", $"{Money(best.Capital)} USDT");
        Row(output, "PnL", $"{Signed(best.Pnl)} USDT");
        Row(output, "trades, win rate", $"{Count(best.Trades)}, {Percent(best.WinRate)}");
        Row(output, "fitness", Ratio(best.Fitness));
        if (best.Genome.Count > 0)
        {
            output.WriteLine("  genome");
            var width = best.Genome.Keys.Max(k => k.Length);
            foreach (var (gene, value) in best.Genome.OrderBy(g => g.Key, StringComparer.Ordinal))
                output.WriteLine($"    {gene.PadRight(width)}  {value.ToString("0.####", Invariant)}");
        }
        output.WriteLine();
    }

    private static void Row(TextWriter output, string label, string value) =>
        output.WriteLine($"  {label.PadRight(LabelWidth - 2)}{value}");

    private static string Right(string value) => value.PadLeft(16);

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant);

    internal static string Percent(decimal fraction, bool signed = false)
    {
        var text = (fraction * 100m).ToString("0.00", Invariant) + "%";
        return signed && fraction > 0 ? "+" + text : text;
    }

    private static string Signed(decimal amount) =>
        (amount > 0 ? "+" : "") + amount.ToString("N2", Invariant);

    private static string Money(decimal amount) => amount.ToString("N2", Invariant);

    private static string Count(long value) => value.ToString("N0", Invariant);

    private static string Count(double value) =>
        double.IsFinite(value) ? value.ToString("N0", Invariant) : "n/a";

    private static string Ratio(double value) =>
        double.IsFinite(value) ? value.ToString("0.00", Invariant) : "n/a";

    /// <summary>Minutes under an hour, hours under two days, days beyond.</summary>
    internal static string Hours(double hours) => hours switch
    {
        _ when !double.IsFinite(hours) || hours < 0 => "n/a",
        < 1 => $"{(hours * 60).ToString("0", Invariant)} min",
        < 48 => $"{hours.ToString("0.0", Invariant)} h",
        _ => $"{(hours / 24).ToString("0.0", Invariant)} d",
    };
}
