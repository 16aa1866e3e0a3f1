using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Tests.Backtest;

/// <summary>The ledger invariants, checked on the books a real backtest leaves behind.</summary>
public class LedgerInvariantTests
{
    [Fact]
    public void The_run_traded_enough_to_make_the_invariants_meaningful()
    {
        var (report, supervisor, _) = BacktestHarness.GoldenRun;
        Assert.True(report.Trades > 50, $"only {report.Trades} trades");
        Assert.Contains(supervisor.Ledger.Records, r => r.Side.IsClosing());
    }

    [Fact]
    public void Public_records_are_exactly_the_union_of_private_records()
    {
        var ledger = BacktestHarness.GoldenRun.Supervisor.Ledger;
        var union = ledger.PrivateLedgers.Values.SelectMany(p => p.History).OrderBy(r => r.TradeId).ToList();
        Assert.Equal(ledger.Records, union);
        Assert.All(ledger.PrivateLedgers, p => Assert.All(p.Value.History, r => Assert.Equal(p.Key, r.AgentId)));
    }

    [Fact]
    public void Per_agent_capital_position_value_fees_and_funding_equal_initial_capital_plus_pnl()
    {
        var supervisor = BacktestHarness.GoldenRun.Supervisor;
        foreach (var ledger in supervisor.Ledger.PrivateLedgers.Values)
        {
            var marks = supervisor.Marks;
            var left = ledger.Capital + ledger.PositionValue(marks) + ledger.FeesPaid + ledger.FundingPaid;
            var right = ledger.InitialCapital + ledger.Funded + ledger.RealizedPnl + ledger.UnrealizedPnl(marks);
            Assert.Equal(right, left);
        }
    }

    [Fact]
    public void The_books_equity_is_the_sum_of_the_agents_plus_the_pool()
    {
        var supervisor = BacktestHarness.GoldenRun.Supervisor;
        var sum = supervisor.Ledger.PrivateLedgers.Values.Sum(l => l.Equity(supervisor.Marks)) + supervisor.Mastermind.Pool;
        Assert.Equal(sum, supervisor.Equity);
    }

    [Fact]
    public async Task Every_booked_trade_is_a_confirmed_exchange_fill()
    {
        var (_, supervisor, exchange) = BacktestHarness.GoldenRun;
        var fills = (await exchange.GetFillsAsync()).ToDictionary(f => (f.InstId, f.TradeId));
        foreach (var record in supervisor.Ledger.Records)
        {
            var tradeId = record.Origin == TradeOrigin.Liquidation ? record.ExchangeTradeId.Split('-')[0] : record.ExchangeTradeId;
            Assert.True(fills.TryGetValue((record.InstId, tradeId), out var fill), $"trade {record.TradeId} has no exchange fill");
            Assert.Equal(fill.Price, record.Price);
            if (record.Origin != TradeOrigin.Liquidation)
            {
                Assert.Equal(fill.Size, record.Amount);
                Assert.Equal(fill.Fee, record.Fee);
                Assert.Equal(fill.ClOrdId, record.ClOrdId);
            }
        }
    }

    [Fact]
    public async Task Every_exchange_fill_of_an_agent_order_is_booked_exactly_once()
    {
        var (_, supervisor, exchange) = BacktestHarness.GoldenRun;
        var booked = supervisor.Ledger.Records.GroupBy(r => (r.InstId, r.ExchangeTradeId)).ToList();
        Assert.All(booked, g => Assert.Single(g));
        foreach (var fill in (await exchange.GetFillsAsync()).Where(f => f.ClOrdId.Length > 0))
            Assert.True(supervisor.Ledger.IsBooked(fill.InstId, fill.TradeId), $"fill {fill.TradeId} was not booked");
    }

    [Fact]
    public async Task Replaying_every_fill_changes_nothing()
    {
        var (_, supervisor, exchange) = BacktestHarness.Run(new Engine.Backtest.BacktestSettings(
            TestData.Path(BacktestHarness.Okx15m), Agents: 6, Seed: 3, new DateOnly(2023, 1, 1), new DateOnly(2023, 3, 15)));
        var hash = supervisor.Ledger.ComputeHash();
        var equity = supervisor.Equity;
        foreach (var fill in await exchange.GetFillsAsync())
            supervisor.Route(fill);
        Assert.Equal(hash, supervisor.Ledger.ComputeHash());
        Assert.Equal(equity, supervisor.Equity);
    }
}
