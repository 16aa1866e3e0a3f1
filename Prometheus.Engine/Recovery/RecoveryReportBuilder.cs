using Prometheus.Engine.Exchange;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Recovery;

/// <summary>Builds the recovery report from a restored (or fresh) Supervisor and what loading found.</summary>
public static class RecoveryReportBuilder
{
    /// <param name="reconciliation">The findings of the startup reconciliation (after its corrections), when one ran.</param>
    /// <param name="blocked">Reconciliation found what only a person may decide: trading stays blocked.</param>
    public static RecoveryReport Build(Supervisor supervisor, DateTimeOffset now, double recoveryMilliseconds, bool freshStart,
        long? lastSaveAtMs, RecoverySnapshotUse snapshot, IReadOnlyCollection<ExchangeFill>? exchangeFills, bool autoResumeWhenClean,
        IReadOnlyCollection<ReconciliationItem>? reconciliation = null, bool blocked = false)
    {
        var verdict = LedgerVerification.Verify(supervisor.Ledger, exchangeFills);
        var items = new List<ReconciliationItem>(reconciliation ?? []);
        if (verdict.Mismatched > 0)
            items.Add(new ReconciliationItem("ledger-mismatch", "LedgerMismatch", "C", null, null, null,
                $"{verdict.Mismatched} record(s) differ between the public and private ledgers", null, false));
        if (verdict.Duplicates > 0)
            items.Add(new ReconciliationItem("ledger-duplicates", "Duplicate", "-", null, null, null,
                $"{verdict.Duplicates} exchange trade(s) or funding share(s) booked more than once", null, false));
        if (verdict.Missing > 0)
            items.Add(new ReconciliationItem("ledger-missing", "MissingFill", "A", null, null, null,
                $"{verdict.Missing} fill(s) on one side only (exchange or ledger)", null, false));
        foreach (var skipped in snapshot.Skipped)
            items.Add(new ReconciliationItem($"snapshot-{skipped.File}", "SnapshotSkipped", "-", null, null, null,
                $"snapshot {skipped.File} not used: {skipped.Reason}", "an older snapshot was used", true));

        var marks = supervisor.Marks;
        var agents = supervisor.Agents.Values.OrderBy(a => a.Id).Select(a =>
        {
            var ledger = supervisor.Ledger.Private(a.Id);
            return new RecoveredAgent(a.Id, a.Name, a.IsAlive, ledger.Capital, ledger.Pnl(marks),
                [.. ledger.OpenPositions.Select(p => new RecoveredPosition(p.Instrument.InstId, p.Side, p.Amount, p.AveragePrice))],
                a.DeathReason?.ToString());
        }).ToList();

        var consistent = items.All(i => i.Resolved);
        var decision = blocked ? "blocked: a discrepancy needs a person's decision before trading may resume (see the items)"
            : freshStart ? "fresh start: no saved state, trading starts"
            : !consistent ? "awaiting confirmation: the report has unresolved findings"
            : autoResumeWhenClean ? "resumed automatically: the report is clean (Prometheus:Recovery:AutoResumeWhenClean)"
            : "awaiting confirmation: a person must confirm before trading resumes";
        if (supervisor.Paused && !freshStart)
            decision += $"; trading was paused by a person ({supervisor.PauseReason}) and stays paused until a person resumes it";
        var risk = supervisor.SystemRisk;
        var trading = new RecoveredTrading(supervisor.Paused, supervisor.PauseReason, risk.State.ToString(), risk.StateReason,
            risk.HaltReason?.ToString(), risk.DrawdownBreakerTripped);
        return new RecoveryReport(
            now, recoveryMilliseconds, freshStart,
            lastSaveAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            lastSaveAtMs is { } at ? (now.ToUnixTimeMilliseconds() - at) / 1000.0 : null,
            new RecoveryCounts(supervisor.Ledger.Records.Count, supervisor.Ledger.PrivateLedgers.Count, supervisor.Living.Count,
                supervisor.Agents.Count - supervisor.Living.Count, supervisor.Valhalla.Heroes.Count, supervisor.Cycle,
                supervisor.RuntimeMs / 3_600_000.0, supervisor.Ledger.Funding.Count, supervisor.Ledger.FundingTotal),
            agents, snapshot,
            new RecoveryReconciliation(consistent, now, verdict, items),
            decision,
            DecisionRequired: blocked || (!freshStart && !(consistent && autoResumeWhenClean)),
            trading,
            supervisor.Seed);
    }
}
