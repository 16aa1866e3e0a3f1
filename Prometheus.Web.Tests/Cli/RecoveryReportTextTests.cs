using Prometheus.Engine.Recovery;
using Prometheus.Web.Cli;

namespace Prometheus.Web.Tests.Cli;

/// <summary>`recover`'s text report names the funding records restored and the net funding they add up to.</summary>
public class RecoveryReportTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    private static RecoveryReport Report(int fundingRecords, decimal fundingPaid) => new(
        At, 12, false, At.AddSeconds(-3), 3,
        new RecoveryCounts(40, 2, 2, 0, 0, 500, 1.5, fundingRecords, fundingPaid),
        [],
        new RecoverySnapshotUse("snapshot-000000000003.json.gz", [], 4),
        new RecoveryReconciliation(true, At, new LedgerVerdict(true, 40, 40, null, 0, 0, 0, fundingRecords, fundingRecords), []),
        "awaiting confirmation: a person must confirm before trading resumes", true);

    [Fact]
    public void The_funding_restored_is_counted_with_its_net_amount_and_checked_public_against_private()
    {
        var text = RecoveryReportText.Format(Report(12, -1.23456789m), "/data", null);

        Assert.Contains("Funding records         12, net paid -1.23456789", text);
        Assert.Contains("consistent (40 = 40 records, 12 = 12 funding records)", text);
    }

    [Fact]
    public void No_funding_says_none()
    {
        Assert.Contains("Funding records         none", RecoveryReportText.Format(Report(0, 0m), "/data", null));
    }
}
