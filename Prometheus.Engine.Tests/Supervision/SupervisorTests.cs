using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Tests.Supervision;

public class SupervisorTests
{
    [Fact]
    public async Task Founders_take_their_stakes_from_the_pool_and_split_between_spot_and_swap()
    {
        var s = new SupervisorScenario(agents: 8);
        var sup = s.Supervisor;
        Assert.Equal(8, sup.Living.Count);
        Assert.Equal(4, sup.Living.Count(a => a.Instrument.Kind == InstrumentKind.Spot));
        Assert.Equal(sup.Mastermind.TotalCapital - 8 * sup.Mastermind.StakePerAgent, sup.Mastermind.Pool);
        Assert.Equal(sup.Mastermind.TotalCapital, sup.Equity);
        await s.StepAsync(10);
        Assert.Equal(10, sup.Cycle);
    }

    [Fact]
    public async Task Every_order_carries_a_clOrdId_naming_its_agent()
    {
        var s = new SupervisorScenario();
        await s.StepUntilAsync(sup => sup.Ledger.Records.Count >= 10);
        foreach (var record in s.Supervisor.Ledger.Records)
            Assert.Equal(record.AgentId, Engine.Supervision.ClOrdIds.AgentOf(record.ClOrdId));
        Assert.Empty(s.Supervisor.Journal.Open);
        Assert.All(s.Supervisor.Ledger.PrivateLedgers.Values, l => Assert.Equal(0m, l.Reserved));
    }

    [Fact]
    public async Task Emergency_close_flattens_every_agent_even_when_halted_and_is_recorded_as_such()
    {
        var s = new SupervisorScenario();
        await s.StepUntilAsync(sup => sup.Ledger.PrivateLedgers.Values.Count(l => l.OpenPositionCount > 0) >= 2);
        var open = s.Supervisor.Ledger.PrivateLedgers.Values.Sum(l => l.OpenPositionCount);
        var before = s.Supervisor.Ledger.Records.Count;

        await s.Supervisor.CloseAllAsync();

        Assert.All(s.Supervisor.Ledger.PrivateLedgers.Values, l => Assert.Equal(0, l.OpenPositionCount));
        var emergency = s.Supervisor.Ledger.Records.Skip(before).ToList();
        Assert.Equal(open, emergency.Count);
        Assert.All(emergency, r => Assert.Equal(TradeOrigin.Emergency, r.Origin));
        Assert.All(emergency, r => Assert.True(r.Side.IsClosing()));
        var positions = await s.Exchange.GetPositionsAsync();
        Assert.All(positions, p => Assert.Equal(0m, p.Size));
    }

    [Fact]
    public async Task A_liquidation_is_booked_to_every_holder_pro_rata()
    {
        var s = new SupervisorScenario(o => o.Agents.Initial = o.Agents.Max = 16, agents: 16);
        var swap = TestInstruments.BtcUsdtSwap;
        await s.StepUntilAsync(sup => s.Holding(swap, PositionSide.Long).Count() >= 2);
        var holders = s.Holding(swap, PositionSide.Long).Select(a => (a.Id, s.Supervisor.Ledger.Private(a.Id).Position(swap, PositionSide.Long)!.Amount)).ToList();
        var before = s.Supervisor.Ledger.Records.Count;

        var fills = s.Exchange.Liquidate(swap.InstId, PositionSide.Long);
        await s.StepAsync();

        var liquidations = s.Supervisor.Ledger.Records.Skip(before).Where(r => r.Origin == TradeOrigin.Liquidation).ToList();
        Assert.Equal(holders.Count, liquidations.Count);
        foreach (var (id, amount) in holders)
            Assert.Equal(amount, liquidations.Single(r => r.AgentId == id).Amount);
        Assert.Equal(fills.Sum(f => f.Size), liquidations.Sum(r => r.Amount));
        // What is long now was opened on that same bar, after the liquidation.
        var reopened = s.Supervisor.Ledger.Records.Skip(before)
            .Where(r => r.InstId == swap.InstId && r.PosSide == PositionSide.Long && r.Origin != TradeOrigin.Liquidation)
            .Sum(r => r.Side.IsClosing() ? -r.Amount : r.Amount);
        Assert.Equal(reopened, s.Supervisor.Ledger.PositionAmount(swap, PositionSide.Long));
        Assert.Empty(s.Supervisor.UnattributedFills);
    }

    [Fact]
    public async Task A_trade_by_hand_is_kept_as_unattributed_and_booked_to_nobody()
    {
        var s = new SupervisorScenario();
        await s.StepAsync(5);
        var fill = s.Exchange.ManualOrder(TestInstruments.BtcUsdtSwap.InstId, OrderSide.Buy, PositionSide.Long, 1m);
        var records = s.Supervisor.Ledger.Records.Count;
        await s.StepAsync();
        Assert.Contains(s.Supervisor.UnattributedFills, f => f.TradeId == fill.TradeId);
        Assert.Equal(records, s.Supervisor.Ledger.Records.Count(r => r.ExchangeTradeId != fill.TradeId));
        Assert.False(s.Supervisor.Ledger.IsBooked(fill.InstId, fill.TradeId));
    }

    [Fact]
    public async Task Dead_agents_are_closed_out_buried_in_valhalla_and_their_capital_returns_to_the_pool()
    {
        // Any loss at all is a bankruptcy: the first losing agents die.
        var s = new SupervisorScenario(o =>
        {
            o.Agents.LastStandThreshold = 1m;
            o.Agents.BankruptcyThreshold = 0.999m;
        });
        await s.StepUntilAsync(sup => sup.Valhalla.Count >= 1);
        var sup = s.Supervisor;
        var fallen = sup.Valhalla.Fallen[0];
        var agent = sup.Agents[fallen.Id];
        Assert.Equal(LifeStage.Dead, agent.Stage);
        Assert.Equal(DeathReason.Bankrupt, fallen.Reason);
        Assert.DoesNotContain(agent, sup.Living);
        Assert.Equal(0, sup.Ledger.Private(fallen.Id).OpenPositionCount);
        Assert.Equal(0m, sup.Ledger.Private(fallen.Id).Capital);
        Assert.Contains(sup.Mastermind.History, d => d.Kind == "reclaim" && d.AgentId == fallen.Id && d.Amount == fallen.FinalCapital);
        Assert.False(string.IsNullOrEmpty(fallen.LegacyTitle));
        Assert.Equal(agent.Genome, fallen.Genome);
        Assert.True(fallen.FinalCapital < fallen.InitialCapital);
    }

    [Fact]
    public async Task Orders_the_exchange_rejects_book_nothing_and_release_their_buying_power()
    {
        // The exchange account holds far less than the book believes: opening orders fail with 51008.
        var s = new SupervisorScenario(o => o.Simulated.InitialBalance = 1m);
        await s.StepUntilAsync(sup => sup.ExchangeRejects >= 5, maxBars: 3_000);
        Assert.Empty(s.Supervisor.Ledger.Records);
        Assert.Empty(s.Supervisor.Journal.Open);
        Assert.All(s.Supervisor.Ledger.PrivateLedgers.Values, l => Assert.Equal(0m, l.Reserved));
        Assert.Equal(s.Supervisor.Mastermind.TotalCapital, s.Supervisor.Equity);
    }

    [Fact]
    public async Task The_portfolio_gross_limit_holds_the_whole_book_below_it_across_instruments()
    {
        var s = new SupervisorScenario(o => { o.Risk.MaxGrossExposure = 0.05m; o.Risk.MaxNetExposure = 0.05m; });
        await s.StepUntilAsync(sup => sup.RiskLog.Counts.GetValueOrDefault(RiskDenialReason.PortfolioGrossExposure) > 0);

        for (var i = 0; i < 200; i++)
        {
            await s.StepAsync();
            var (_, gross) = s.Supervisor.Ledger.Exposure(s.Supervisor.Marks);
            // Every opening order was checked against the limit at the price it was sent at; the market moves on after.
            Assert.True(gross <= s.Supervisor.Equity * 0.06m, $"gross {gross} against equity {s.Supervisor.Equity}");
        }
    }

    [Fact]
    public async Task Risk_denials_are_recorded_with_their_reason()
    {
        var s = new SupervisorScenario(o => o.Risk.MaxDailyTrades = 3);
        await s.StepUntilAsync(sup => sup.RiskLog.Total > 0);
        Assert.Contains(s.Supervisor.RiskLog.Recent, d => d.Reason == RiskDenialReason.DailyTradeLimit);
        Assert.Equal(s.Supervisor.RiskLog.Total, s.Supervisor.RiskLog.Counts.Values.Sum());
    }

    [Fact]
    public async Task The_population_never_exceeds_its_maximum()
    {
        var s = new SupervisorScenario(o =>
        {
            o.Agents.Initial = 4;
            o.Agents.Max = 6;
            o.Evolution.GraceHours = 1;
            o.Evolution.CullFraction = 0.9;
        }, agents: 4);
        for (var i = 0; i < 40; i++)
        {
            await s.StepAsync(50);
            Assert.InRange(s.Supervisor.Living.Count, 1, 6);
        }
        Assert.True(s.Supervisor.Generations > 100);
    }
}
