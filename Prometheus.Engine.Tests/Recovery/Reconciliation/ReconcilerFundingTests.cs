using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Tests.Exchange.Simulated;
using Prometheus.Engine.Tests.Persistence;

namespace Prometheus.Engine.Tests.Recovery.Reconciliation;

/// <summary>
/// Funding moves the exchange's balance without a fill or an order: books that hold swap positions over funding times
/// (and booked their shares of the bills) reconcile clean at every level, by the pure reconciler and by the coordinator
/// asking the exchange itself (on <see cref="FundingScenario"/>: swap agents, 0.01% every 8 hours, a real store). A
/// funding bill is never taken for a fill, an orphan or drift.
/// </summary>
public class ReconcilerFundingTests
{
    /// <summary>Runs until funding was settled on both sides and booked, and a position is open over the next funding time too.</summary>
    private static async Task<FundingScenario> HeldOverFundingAsync()
    {
        var run = new FundingScenario();
        var bills = () => run.Exchange.GetFundingBillsAsync().Done();
        await run.RunUntilAsync(sup => bills().Any(b => b.PosSide == PositionSide.Long) && bills().Any(b => b.PosSide == PositionSide.Short)
            && sup.Ledger.Funding.Count > 0);
        // An hour after a funding time, with a swap position still open: every bill of it is booked.
        await run.RunUntilAsync(sup => sup.NowMs - FundingRates.AtOrBefore(sup.NowMs) == 3_600_000
            && run.Exchange.GetPositionsAsync(TestInstruments.BtcUsdtSwap.InstId).Done().Count > 0);
        return run;
    }

    private static ReconciliationInput Input(FundingScenario s)
    {
        var exchange = s.Exchange;
        var positions = exchange.GetPositionsAsync().Done().Concat(ExchangeFacts.SpotPositions(exchange.GetBalancesAsync().Done(), TestInstruments.All)).ToList();
        return new ReconciliationInput(TestInstruments.All, LedgerFacts.From(s.Supervisor),
            new ExchangeFacts(positions, exchange.GetPendingOrdersAsync().Done(), exchange.GetFillsAsync().Done(), new FillWindow(0, true),
                new Dictionary<string, ExchangeOrder?>()),
            [], new HashSet<string>(), TestInstruments.All.ToDictionary(i => i.InstId, i => exchange.LastPrice(i.InstId)), s.Supervisor.NowMs);
    }

    [Fact]
    public async Task Books_holding_swaps_over_funding_times_reconcile_clean_at_every_level()
    {
        using var s = await HeldOverFundingAsync();
        var bills = s.Exchange.GetFundingBillsAsync().Done();

        // The funding really moved money on both sides, and the books took all of it.
        Assert.Empty(s.Supervisor.UnattributedFunding);
        Assert.Equal(-bills.Sum(b => b.BalanceChange), s.Supervisor.Ledger.FundingTotal);

        foreach (var level in Enum.GetValues<ReconciliationLevel>())
        {
            var result = Reconciler.Reconcile(Input(s), level);
            Assert.True(result.NothingNew, $"{level}: {string.Join("; ", result.Items.Select(i => i.Detail))}");
            Assert.Empty(result.Items);
            Assert.Empty(result.Corrections);
            Assert.False(result.Blocked || result.Escalate, level.ToString());
        }
        Assert.True(LedgerVerification.Verify(s.Supervisor.Ledger, [.. s.Exchange.GetFillsAsync().Done()]).Consistent);
    }

    [Fact]
    public async Task The_coordinator_asking_the_exchange_finds_nothing_at_any_level()
    {
        using var s = await HeldOverFundingAsync();
        var coordinator = new ReconciliationCoordinator(s.Supervisor, s.Exchange, s.Store);

        foreach (var level in Enum.GetValues<ReconciliationLevel>())
        {
            var result = await coordinator.RunAsync(level);
            Assert.True(result.NothingNew, $"{level}: {string.Join("; ", result.Items.Select(i => i.Detail))}");
            Assert.False(result.Blocked || result.Escalate, level.ToString());
        }
        Assert.Empty(coordinator.Items);
        Assert.Empty(coordinator.Orphans);
        Assert.False(coordinator.Blocked);

        // Trading on over the next funding time, with the checks the loop runs after each cycle.
        var next = FundingRates.NextAfter(s.Supervisor.NowMs) + 3_600_000;
        while (s.Supervisor.NowMs < next)
        {
            await s.StepAsync();
            await coordinator.AfterCycleAsync(CancellationToken.None);
        }
        Assert.Empty(coordinator.Items);
        Assert.Null(coordinator.LastFailure);
        Assert.Equal(-s.Exchange.GetFundingBillsAsync().Done().Sum(b => b.BalanceChange), s.Supervisor.Ledger.FundingTotal);
    }
}
