using Prometheus.Engine.Backtest;
using Prometheus.Engine.Recovery.Reconciliation;
using Xunit.Abstractions;
using K = Prometheus.Engine.Recovery.Reconciliation.ReconciliationKinds;

namespace Prometheus.Engine.Tests.Backtest;

public class ReconciliationBenchTests(ITestOutputHelper output)
{
    [Fact]
    public void The_synthetic_book_has_something_of_every_common_kind_to_find()
    {
        var input = ReconciliationBench.Build(agents: 20, fills: 2_000, new Random(3));

        var result = Reconciler.Reconcile(input, ReconciliationLevel.Full);

        var kinds = result.Items.Select(i => i.Kind).ToHashSet();
        Assert.Superset(new HashSet<string> { K.MissingFill, K.Orphan, K.UnknownOutcome, K.StaleOrder }, kinds);
        Assert.Equal(2_000, result.Counts.Fills);
        Assert.Equal(20, result.Counts.Agents);
    }

    [Fact]
    public void A_full_reconciliation_of_100_agents_and_10000_fills_takes_under_a_second()
    {
        var report = ReconciliationBench.Run();

        output.WriteLine($"reconciliation: {{ agents: {report.Agents}, fills: {report.Fills}, seconds: {report.Seconds:F4} }}");
        Assert.Equal((100, 10_000), (report.Agents, report.Fills));
        Assert.InRange(report.Seconds, 0, 1.0);
    }
}
