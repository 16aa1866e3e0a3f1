using System.Globalization;
using System.Text;
using Prometheus.Engine.Recovery;

namespace Prometheus.Web.Cli;

/// <summary>The recovery report as a person reads it at a terminal: system state, restored counts, agents, reconciliation, decision.</summary>
public static class RecoveryReportText
{
    public static string Format(RecoveryReport r, string dataDir, RecoveryMoment? asOf)
    {
        var text = new StringBuilder();
        void Line(string label, string value) => text.Append(CultureInfo.InvariantCulture, $"  {label,-24}{value}\n");

        text.Append(CultureInfo.InvariantCulture, $"Prometheus recovery report: {dataDir}{(asOf is { } at ? $" as of {at}" : "")}\n\n");
        text.Append("System state\n");
        Line("Report made", $"{r.RecoveredAt:u} in {r.RecoveryMilliseconds:0} ms");
        Line("Last save", r.LastSaveAt is { } saved ? $"{saved:u} ({Ago(r.SecondsSinceLastSave ?? 0)} before)" : "none");
        Line("Snapshot used", r.Snapshot.Used is { } used ? $"{used} + {r.Snapshot.EventsReplayed} change(s) replayed" : "none (fresh start)");
        foreach (var skipped in r.Snapshot.Skipped)
            Line("Snapshot skipped", $"{skipped.File}: {skipped.Reason}");
        if (r.Trading is { } trading && !r.FreshStart)
            Line("Trading as left", trading.Describe());
        if (r.Seed is { } seed)
            Line("Seed", seed.ToString(CultureInfo.InvariantCulture));

        text.Append("\nRestored\n");
        var c = r.Counts;
        Line("Public ledger records", c.PublicLedgerRecords.ToString("N0", CultureInfo.InvariantCulture));
        Line("Funding records", c.FundingRecords == 0 ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"{c.FundingRecords:N0}, net paid {c.FundingPaid:+#,##0.00######;-#,##0.00######;0.00}"));
        Line("Private ledgers", c.PrivateLedgers.ToString(CultureInfo.InvariantCulture));
        Line("Agents", $"{c.AgentsAlive} alive, {c.AgentsDead} dead");
        Line("Valhalla heroes", c.ValhallaHeroes.ToString(CultureInfo.InvariantCulture));
        Line("Cycles", c.Cycles.ToString("N0", CultureInfo.InvariantCulture));
        Line("Runtime", $"{c.RuntimeHours:0.0} h");

        text.Append("\nAgents\n");
        foreach (var a in r.Agents)
        {
            var who = $"#{a.Id} {a.Name}";
            if (!a.Alive)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {who,-22} dead ({a.DeathReason}), PnL {a.Pnl,12:+#,##0.00;-#,##0.00;0.00}\n");
                continue;
            }
            var positions = a.Positions.Count == 0 ? "flat"
                : string.Join(", ", a.Positions.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.InstId} {p.PosSide.ToString().ToLowerInvariant()} {p.Amount:0.########} @ {p.AveragePrice:#,##0.0#}")));
            text.Append(CultureInfo.InvariantCulture, $"  {who,-22} alive, capital {a.Capital,12:#,##0.00}, PnL {a.Pnl,10:+#,##0.00;-#,##0.00;0.00}, {positions}\n");
        }

        text.Append("\nReconciliation\n");
        var v = r.Reconciliation.Ledger;
        Line("Public vs private", v.Mismatched == 0
            ? $"consistent ({v.PublicRecords} = {v.PrivateRecords} records, {v.FundingRecords} = {v.PrivateFundingRecords} funding records)"
            : $"{v.Mismatched} record(s) differ");
        Line("Ledger vs exchange", v.ExchangeFills is { } fills ? $"{fills} exchange fill(s), {v.Missing} missing, {v.Duplicates} duplicate(s)" : "exchange not consulted");
        if (r.Reconciliation.Items.Count == 0)
            Line("Findings", "none");
        foreach (var item in r.Reconciliation.Items)
            Line($"{item.Kind} ({item.Case})", $"{item.Detail}{(item.Correction is { } fix ? $"; {fix}" : "")}{(item.Resolved ? "" : " [unresolved]")}");

        text.Append("\nDecision\n");
        text.Append(CultureInfo.InvariantCulture, $"  {r.Decision}\n");
        return text.ToString();
    }

    private static string Ago(double seconds) =>
        seconds < 120 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s")
        : seconds < 7200 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h");
}
