using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>The gateway's fault handling end to end, with exchange-sim injecting the faults.</summary>
public sealed class OkxGatewayFaultTests : SimServerTests
{
    [Fact]
    public async Task An_order_placed_whose_answer_is_lost_is_found_by_clOrdId_and_never_posted_twice()
    {
        await using var gateway = await Kit.GatewayAsync(streams: OkxStreams.Private);
        Kit.Server.Faults.LoseOrderAnswers(1);

        var ack = await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT-SWAP", "lost1x1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 1m));
        var fill = await NextFillAsync(gateway);

        Assert.True(ack.Accepted, ack.Message);
        Assert.Equal(ack.OrdId, fill.OrdId);
        Assert.Equal(1, Kit.Server.Faults.Requests["POST /api/v5/trade/order"]);
        Assert.Equal(1, Assert.Single(await gateway.GetPositionsAsync("BTC-USDT-SWAP")).Size);
    }

    [Fact]
    public async Task A_spell_of_503s_is_ridden_out_by_retrying_reads()
    {
        await using var gateway = await Kit.GatewayAsync(streams: OkxStreams.Private);
        Kit.Server.Faults.BeUnavailable(2);

        var balances = await gateway.GetBalancesAsync();

        Assert.Contains(balances, b => b.Ccy == "USDT");
        Assert.Equal(3, Kit.Server.Faults.Requests["GET /api/v5/account/balance"]);
    }

    [Fact]
    public async Task An_order_refused_while_the_exchange_is_unavailable_is_looked_up_and_reported_not_placed()
    {
        await using var gateway = await Kit.GatewayAsync(streams: OkxStreams.Private, configure: o => o.MaxRetries = 3);
        Kit.Server.Faults.BeUnavailable(1);   // the POST only: the lookups that follow get through

        var ack = await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT", "down1x1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 0.01m));

        Assert.False(ack.Accepted);
        Assert.Equal(1, Kit.Server.Faults.Requests["POST /api/v5/trade/order"]);
        Assert.True(Kit.Server.Faults.Requests["GET /api/v5/trade/order"] >= 3);
        Assert.Null(await gateway.GetOrderAsync("BTC-USDT", null, "down1x1"));
    }
}
