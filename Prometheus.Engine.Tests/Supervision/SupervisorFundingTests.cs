using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Supervision;

/// <summary>The Supervisor shares each funding bill among the agents holding its side, books it once, and PnL carries it.</summary>
public class SupervisorFundingTests
{
    private static FundingBill Bill(string id, PositionSide side, long time, decimal size, decimal balanceChange) =>
        new(id, TestInstruments.BtcUsdtSwap.InstId, side, time, size, 30_000m, 0.0001m, balanceChange, "USDT");

    [Theory]
    [InlineData(PositionSide.Long, -12.34)]  // a long pays a positive rate
    [InlineData(PositionSide.Long, 7.5)]     // and receives a negative one
    [InlineData(PositionSide.Short, 12.34)]  // a short receives a positive rate
    [InlineData(PositionSide.Short, -7.5)]   // and pays a negative one
    public async Task A_bill_is_shared_by_position_booked_once_and_moves_equity_and_pnl(PositionSide side, double change)
    {
        var s = new SupervisorScenario(agents: 12);
        await s.StepUntilAsync(sv => s.Holding(TestInstruments.BtcUsdtSwap, side).Count() >= 2);
        var holders = s.Holding(TestInstruments.BtcUsdtSwap, side).ToList();
        var ledger = s.Supervisor.Ledger;
        var time = s.Supervisor.NowMs + 1;
        var amounts = holders.ToDictionary(a => a.Id, a => ledger.Private(a.Id).Position(TestInstruments.BtcUsdtSwap, side)!.Amount);
        var size = amounts.Values.Sum();
        var balanceChange = (decimal)change;
        var equityBefore = s.Supervisor.Equity;
        var pnlBefore = holders.ToDictionary(a => a.Id, a => ledger.Private(a.Id).Pnl(s.Supervisor.Marks));

        s.Supervisor.BookFunding(Bill("b1", side, time, size, balanceChange));

        var records = ledger.Funding.Where(f => f.BillId == "b1").ToList();
        Assert.Equal(holders.Count, records.Count);
        Assert.Equal(-balanceChange, records.Sum(f => f.Paid));
        foreach (var record in records)
        {
            Assert.Equal(amounts[record.AgentId], record.PositionAmount);
            Assert.Equal(decimal.Round(-balanceChange * record.PositionAmount / size, 12), record.Paid, 10);
            var own = ledger.Private(record.AgentId);
            Assert.Contains(record, own.Funding);
            Assert.Equal(pnlBefore[record.AgentId] - record.Paid, own.Pnl(s.Supervisor.Marks));
        }
        Assert.Equal(equityBefore + balanceChange, s.Supervisor.Equity);
        Assert.Equal(-balanceChange, ledger.FundingTotal);

        // The same bill again (a replay, a second poll): nothing changes.
        s.Supervisor.BookFunding(Bill("b1", side, time, size, balanceChange));
        Assert.Equal(records.Count, ledger.Funding.Count);
        Assert.Equal(equityBefore + balanceChange, s.Supervisor.Equity);
    }

    [Fact]
    public async Task Only_positions_held_before_the_funding_time_share_it()
    {
        var s = new SupervisorScenario(agents: 12);
        await s.StepUntilAsync(sv => s.Holding(TestInstruments.BtcUsdtSwap, PositionSide.Long).Any());
        var first = s.Holding(TestInstruments.BtcUsdtSwap, PositionSide.Long).Select(a => a.Id).ToHashSet();
        var time = s.Supervisor.NowMs + 1;
        // Later entries (after the funding time) must not share a bill for it.
        await s.StepUntilAsync(sv => s.Holding(TestInstruments.BtcUsdtSwap, PositionSide.Long).Any(a => !first.Contains(a.Id)));
        var size = first.Sum(id => s.Supervisor.Ledger.Private(id).PositionBefore(TestInstruments.BtcUsdtSwap, PositionSide.Long, time));

        s.Supervisor.BookFunding(Bill("b2", PositionSide.Long, time, size, -1m));

        var shared = s.Supervisor.Ledger.Funding.Where(f => f.BillId == "b2").Select(f => f.AgentId).ToHashSet();
        Assert.Subset(first, shared);
        Assert.Equal(1m, s.Supervisor.Ledger.Funding.Where(f => f.BillId == "b2").Sum(f => f.Paid));
    }

    [Fact]
    public void Funding_times_are_every_eight_hours_from_midnight_utc()
    {
        var midnight = new DateTimeOffset(2025, 11, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.True(FundingRates.IsFundingTime(midnight));
        Assert.Equal(midnight + 8 * 3_600_000L, FundingRates.NextAfter(midnight));
        Assert.Equal(midnight, FundingRates.NextAfter(midnight - 1));
        Assert.Equal(midnight, FundingRates.AtOrBefore(midnight + 8 * 3_600_000L - 1));
        var rates = new FundingRates(0.0001m, new Dictionary<string, IReadOnlyDictionary<long, decimal>>
        {
            ["BTC-USDT-SWAP"] = new Dictionary<long, decimal> { [midnight] = -0.00005m },
        });
        Assert.Equal(new FundingRate(midnight, -0.00005m, Recorded: true), rates.RateAt("BTC-USDT-SWAP", midnight));
        Assert.Equal(new FundingRate(midnight + 28_800_000, 0.0001m, Recorded: false), rates.RateAt("BTC-USDT-SWAP", midnight + 28_800_000));
        Assert.Equal(3, rates.Between("BTC-USDT-SWAP", midnight, midnight + 86_400_000).Count());
    }

    [Fact]
    public void The_shipped_funding_history_loads_with_its_recorded_rates()
    {
        var rates = FundingRates.Load(0.0001m, [("BTC-USDT-SWAP", TestData.Path("btc-usdt-swap-funding-okx-20251013-20260115.csv.gz"))]);
        var first = rates.RateAt("BTC-USDT-SWAP", 1760342400000);
        Assert.True(first.Recorded);
        Assert.Equal(0.0000773188132622m, first.Rate);
        Assert.Equal(284, rates.Between("BTC-USDT-SWAP", 1760342400000, 1768492800001).Count(r => r.Recorded));
    }
}
