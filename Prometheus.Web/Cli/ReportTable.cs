using System.Globalization;
using Prometheus.Engine.Backtest;

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
        Row(output, "period", $"{Stamp(report.From)} .. {Stamp(report.To)} UTC, {Count(report.Bars)} bars");
        Row(output, "agents, seed", $"{Count(report.Agents)} at start, seed {report.Seed.ToString(Invariant)}");
        output.WriteLine();

        output.WriteLine($"{"Whole run",-LabelWidth}{"strategy",16}{"buy & hold",16}");
        Row(output, "total ROI", Right(Percent(report.Roi, signed: true)) + Right(Percent(report.BuyHoldRoi, signed: true)));
        Row(output, "max drawdown", Right(Percent(report.MaxDrawdown)) + Right(Percent(report.BuyHoldMaxDrawdown)));
        Row(output, "Sharpe", Right(Ratio(report.Sharpe)));
        Row(output, "win rate", Right(Percent(report.WinRate)));
        Row(output, "total trades", Right(Count(report.Trades)));
        Row(output, "avg holding time", Right(Hours(report.AvgHoldingHours)));
        Row(output, "fees paid", Right(Money(report.FeesPaid)));
        Row(output, "equity", $"{Money(report.InitialCapital)} -> {Money(report.FinalEquity)} USDT");
        output.WriteLine();

        var oos = report.OutOfSample;
        output.WriteLine($"{"Out of sample",-LabelWidth}{Stamp(oos.From)} .. {Stamp(oos.To)} UTC");
        Row(output, "ROI", Right(Percent(oos.Roi, signed: true)) + Right(Percent(oos.BuyHoldRoi, signed: true)));
        Row(output, "max drawdown", Right(Percent(oos.MaxDrawdown)));
        Row(output, "Sharpe", Right(Ratio(oos.Sharpe)));
        Row(output, "trades", Right(Count(oos.Trades)));
        output.WriteLine();

        output.WriteLine("Population");
        Row(output, "births", Right(Count(report.Births)));
        Row(output, "deaths", Right(Count(report.Deaths)));
        Row(output, "Valhalla size", Right(Count(report.Valhalla)));
        Row(output, "agents alive", Right(Count(report.AgentsAlive)));
        output.WriteLine();

        WriteBestAgent(output, report.BestAgent);

        output.WriteLine("Run");
        Row(output, "elapsed", $"{report.ElapsedSeconds.ToString("0.0", Invariant)} s");
        Row(output, "agent-bars/s", Count(report.AgentBarsPerSecond));
        Row(output, "ledger hash", report.LedgerHash);
    }

    public static void WriteBench(TextWriter output, BenchReport report)
    {
        var backtest = report.Backtest;
        output.WriteLine($"Bench: backtest of {Path.GetFileName(backtest.Data)}");
        Row(output, "agents", Count(backtest.Agents));
        Row(output, "bars", Count(backtest.Bars));
        Row(output, "agent-bars/s", Count(backtest.AgentBarsPerSecond));
        Row(output, "fills/s", Count(backtest.FillsPerSecond));
        Row(output, "peak working set", $"{backtest.PeakWorkingSetMb.ToString("N1", Invariant)} MB");
        Row(output, "elapsed", $"{backtest.Seconds.ToString("0.0", Invariant)} s");
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
        if (report.OrderRoundTrip is { } roundTrip)
        {
            output.WriteLine();
            output.WriteLine("Bench: an order through the OKX gateway against exchange-sim on loopback (placed, fill pushed, booked)");
            Row(output, "round trip p50 / p99", $"{roundTrip.P50Ms.ToString("0.0", Invariant)} / {roundTrip.P99Ms.ToString("0.0", Invariant)} ms ({Count(roundTrip.Orders)} orders)");
        }
        if (report.Reconciliation is { } reconciliation)
        {
            output.WriteLine();
            output.WriteLine("Bench: reconciliation (full, median)");
            Row(output, "full reconciliation", $"{reconciliation.Seconds.ToString("0.000", Invariant)} s ({Count(reconciliation.Agents)} agents, {Count(reconciliation.Fills)} fills)");
        }
    }

    private static void WriteBestAgent(TextWriter output, BestAgentReport? best)
    {
        if (best is null)
        {
            output.WriteLine("Best agent: none (no agent lived and no hero was kept)");
            output.WriteLine();
            return;
        }

        output.WriteLine($"Best agent #{best.Id.ToString(Invariant)} {best.Name}");
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
