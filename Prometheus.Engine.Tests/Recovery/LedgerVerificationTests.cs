using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Tests.Persistence;
using Prometheus.Engine.Tests.Supervision;

namespace Prometheus.Engine.Tests.Recovery;

public class LedgerVerificationTests
{
    [Fact]
    public async Task A_real_run_is_consistent_record_by_record_and_against_the_exchange()
    {
        var s = new SupervisorScenario();
        await s.StepUntilAsync(sup => sup.Ledger.Records.Count >= 30);
        var verdict = LedgerVerification.Verify(s.Supervisor.Ledger, [.. await s.Exchange.GetFillsAsync()]);
        Assert.True(verdict.Consistent, verdict.ToString());
        Assert.Equal(verdict.PublicRecords, verdict.PrivateRecords);
        Assert.Equal(0, verdict.Missing);
    }

    [Fact]
    public async Task A_booked_trade_the_exchange_never_filled_and_a_fill_never_booked_are_both_missing()
    {
        var s = new SupervisorScenario();
        await s.StepUntilAsync(sup => sup.Ledger.Records.Count >= 5);
        var fills = (await s.Exchange.GetFillsAsync()).ToList();
        var agent = s.Supervisor.Living[0].Id;
        var ghost = new ExchangeFill("999999", "o1", $"p{agent}x999999", "BTC-USDT-SWAP", OrderSide.Buy, PositionSide.Long, 1m, 20_000m, 0.1m, "USDT", 0);
        s.Supervisor.Ledger.Book(LedgerKeys.Supervisor, ghost, agent, TestInstruments.BtcUsdtSwap, 2m, 0, TradeOrigin.Decision);
        var unbooked = fills[0] with { TradeId = "888888" };

        var verdict = LedgerVerification.Verify(s.Supervisor.Ledger, [.. fills, unbooked]);

        Assert.False(verdict.Consistent);
        Assert.Equal(2, verdict.Missing);
    }

    [Fact]
    public async Task The_report_of_a_clean_restore_awaits_a_person_unless_auto_resume_is_on()
    {
        var s = new SupervisorScenario();
        await s.StepUntilAsync(sup => sup.Ledger.Records.Count >= 5);
        var none = new RecoverySnapshotUse(null, []);
        var report = RecoveryReportBuilder.Build(s.Supervisor, s.Clock.GetUtcNow(), 12.5, freshStart: false,
            s.Clock.GetUtcNow().ToUnixTimeMilliseconds() - 30_000, none, [.. await s.Exchange.GetFillsAsync()], autoResumeWhenClean: false);
        Assert.True(report.DecisionRequired);
        Assert.True(report.Reconciliation.Consistent);
        Assert.Equal(30, report.SecondsSinceLastSave);
        Assert.Equal(s.Supervisor.Agents.Count, report.Agents.Count);
        Assert.StartsWith("awaiting confirmation", report.Decision);

        var auto = RecoveryReportBuilder.Build(s.Supervisor, s.Clock.GetUtcNow(), 1, false, null, none, null, autoResumeWhenClean: true);
        Assert.False(auto.DecisionRequired);
        var skipped = RecoveryReportBuilder.Build(s.Supervisor, s.Clock.GetUtcNow(), 1, false, null,
            new RecoverySnapshotUse("snapshot-2.json.gz", [new SkippedSnapshot("snapshot-3.json.gz", "checksum mismatch")]), null, true);
        Assert.Contains(skipped.Reconciliation.Items, i => i.Kind == "SnapshotSkipped" && i.Detail.Contains("checksum mismatch"));
    }

    [Fact]
    public async Task Funding_records_are_checked_public_against_private_record_by_record()
    {
        using var s = new FundingScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Funding.Count >= 8);
        var ledger = s.Supervisor.Ledger;
        var clean = LedgerVerification.Verify(ledger, null);
        Assert.True(clean.Consistent, clean.ToString());
        Assert.Equal(ledger.Funding.Count, clean.FundingRecords);
        Assert.Equal(ledger.Funding.Count, clean.PrivateFundingRecords);

        // A private record that differs from its public twin (same id, another amount).
        var share = ledger.Funding[0];
        ledger.Private(share.AgentId).ApplyFunding(LedgerKeys.Supervisor, share with { Paid = share.Paid + 1m });

        var verdict = LedgerVerification.Verify(ledger, null);
        Assert.False(verdict.Consistent);
        Assert.Equal(1, verdict.Mismatched);
        Assert.Equal(ledger.Funding.Count + 1, verdict.PrivateFundingRecords);
    }

    [Fact]
    public async Task A_share_booked_twice_is_a_duplicate_and_a_ledger_restored_without_a_share_it_paid_differs()
    {
        using var s = new FundingScenario();
        await s.RunUntilAsync(sup => sup.Ledger.Funding.Count >= 8);
        var ledger = s.Supervisor.Ledger;
        var states = ledger.PrivateLedgers.Values.Select(l => l.Save()).ToList();
        var share = ledger.Funding[0];

        var twice = PublicLedger.Restore(LedgerKeys.Supervisor, InstrumentCatalog.Shipped, states, ledger.Records, [.. ledger.Funding, share with { FundingId = 9_999 }]);
        var doubled = LedgerVerification.Verify(twice, null);
        Assert.False(doubled.Consistent);
        Assert.Equal(1, doubled.Duplicates);
        Assert.Equal(1, doubled.Mismatched); // its agent's FundingPaid counts the share once, its records twice

        var without = PublicLedger.Restore(LedgerKeys.Supervisor, InstrumentCatalog.Shipped, states, ledger.Records, [.. ledger.Funding.Skip(1)]);
        var lost = LedgerVerification.Verify(without, null);
        Assert.False(lost.Consistent);
        Assert.Equal(1, lost.Mismatched);
        Assert.Equal(0, lost.Duplicates);
    }
}
