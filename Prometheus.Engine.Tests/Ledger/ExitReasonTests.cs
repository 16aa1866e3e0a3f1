using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Tests.Ledger;

public class ExitReasonTests
{
    private static TradeRecord Fill(TradeSide side, TradeOrigin origin) =>
        new(1, 1, "BTC-USDT-SWAP", side, PositionSide.Long, 1m, 100m, 0.05m, "o1", "c1", "t1", 0, 1.0, 0m, origin);

    [Theory]
    [InlineData(TradeOrigin.Decision, "signal")]
    [InlineData(TradeOrigin.StopLoss, "stopLoss")]
    [InlineData(TradeOrigin.TakeProfit, "takeProfit")]
    [InlineData(TradeOrigin.MaxHoldingTime, "maxHoldingTime")]
    [InlineData(TradeOrigin.Emergency, "emergencyClose")]
    [InlineData(TradeOrigin.Liquidation, "liquidation")]
    [InlineData(TradeOrigin.Outside, "outside")]
    [InlineData(TradeOrigin.Manual, "outside")]
    [InlineData(TradeOrigin.Death, "death")]
    [InlineData(TradeOrigin.RiskExit, "riskExit")]
    public void A_closing_fill_names_why_it_closed(TradeOrigin origin, string expected)
    {
        Assert.Equal(expected, Fill(TradeSide.Sell, origin).ExitReason());
        Assert.Equal(expected, Fill(TradeSide.Cover, origin).ExitReason());
    }

    [Theory]
    [InlineData(TradeSide.Buy)]
    [InlineData(TradeSide.Short)]
    [InlineData(TradeSide.Add)]
    [InlineData(TradeSide.AddShort)]
    public void An_opening_fill_has_no_exit_reason(TradeSide side) =>
        Assert.Null(Fill(side, TradeOrigin.Decision).ExitReason());

    [Theory]
    [InlineData(ExitReason.StopLoss, TradeOrigin.StopLoss)]
    [InlineData(ExitReason.TakeProfit, TradeOrigin.TakeProfit)]
    [InlineData(ExitReason.MaxHoldingTime, TradeOrigin.MaxHoldingTime)]
    public void Each_protective_exit_is_its_own_origin_and_still_passes_a_halt(ExitReason exit, TradeOrigin origin)
    {
        Assert.Equal(origin, exit.ToOrigin());
        Assert.True(origin.IsRiskExit());
    }

    [Fact]
    public void Protective_exits_hash_as_they_did_before_they_were_told_apart()
    {
        Assert.Equal("RiskExit", TradeOrigin.StopLoss.HashName());
        Assert.Equal("RiskExit", TradeOrigin.MaxHoldingTime.HashName());
        Assert.Equal("Decision", TradeOrigin.Decision.HashName());
    }
}
