using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// Stop-loss and take-profit attached on the exchange (attachAlgoOrds): sent by the gateway, kept by exchange-sim, and
/// fired by the market alone, across a restart of the server, with no client connected.
/// </summary>
public sealed class ProtectiveOrderTests : SimServerTests
{
    [Fact]
    public async Task A_stop_loss_sent_by_the_gateway_closes_the_position_when_the_market_reaches_it()
    {
        await using var gateway = await Kit.GatewayAsync(streams: OkxStreams.Private);
        var ack = await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT-SWAP", "sl1x1", OrderSide.Buy, PositionSide.Long,
            OrderType.Market, 2m, StopLossPrice: 39_000m, TakeProfitPrice: 42_000m));
        await NextFillAsync(gateway);

        Kit.Server.PushBar(Bar(39_500m, 39_400m, 40_100m));   // neither trigger
        Assert.Single(await gateway.GetPositionsAsync("BTC-USDT-SWAP"));
        Kit.Server.PushBar(Bar(38_950m, 38_900m, 39_600m));   // through the stop
        var close = await NextFillAsync(gateway);

        Assert.True(ack.Accepted, ack.Message);
        Assert.Equal((OrderSide.Sell, PositionSide.Long, 2m), (close.Side, close.PosSide, close.Size));
        Assert.StartsWith("algo", close.ClOrdId, StringComparison.Ordinal);
        Assert.Empty(await gateway.GetPositionsAsync("BTC-USDT-SWAP"));
        Kit.Server.PushBar(Bar(42_500m, 42_400m, 42_600m));   // the take-profit went with it (one cancels the other)
        await Task.Delay(200);
        Assert.False(gateway.Fills.TryRead(out _));
    }

    [Fact]
    public async Task The_order_lists_its_attached_algo_as_OKX_does()
    {
        using var client = new SimRawClient(Kit.BaseUrl);
        await client.PostAsync("/api/v5/trade/order", """
            {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"sell","posSide":"short","ordType":"market","sz":"1","clOrdId":"tp1",
             "attachAlgoOrds":[{"tpTriggerPx":"38000","tpOrdPx":"-1"}]}
            """);

        var (_, order) = await client.GetAsync("/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=tp1");

        var algo = order["data"]![0]!["attachAlgoOrds"]![0]!;
        Assert.Equal(("38000", "-1", ""), ((string?)algo["tpTriggerPx"], (string?)algo["tpOrdPx"], (string?)algo["slTriggerPx"]));
    }

    [Fact]
    public async Task A_limit_close_price_for_the_algo_is_refused()
    {
        using var client = new SimRawClient(Kit.BaseUrl);

        var (_, body) = await client.PostAsync("/api/v5/trade/order", """
            {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"sl9",
             "attachAlgoOrds":[{"slTriggerPx":"39000","slOrdPx":"38990"}]}
            """);

        Assert.Equal("51000", (string?)body["data"]![0]!["sCode"]);
    }

    [Fact]
    public async Task Protection_survives_a_restart_of_the_server_and_fires_with_no_client_connected()
    {
        using (var client = new SimRawClient(Kit.BaseUrl))
        {
            await client.PostAsync("/api/v5/trade/order", """
                {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"sell","posSide":"short","ordType":"market","sz":"3","clOrdId":"sl2",
                 "attachAlgoOrds":[{"slTriggerPx":"41000","slOrdPx":"-1"}]}
                """);
        }
        var dataDir = Kit.DataDir;
        await Kit.DisposeAsync();
        Kit = await SimServerKit.StartAsync(dataDir);

        Kit.Server.PushBar(Bar(41_200m, 40_900m, 41_300m));
        using var after = new SimRawClient(Kit.BaseUrl);
        var (_, positions) = await after.GetAsync("/api/v5/account/positions?instType=SWAP");
        var (_, closing) = await after.GetAsync("/api/v5/trade/fills?instId=BTC-USDT-SWAP");

        Assert.Empty(positions["data"]!.AsArray());
        Assert.Equal(("buy", "short", "3"), ((string?)closing["data"]![0]!["side"], (string?)closing["data"]![0]!["posSide"], (string?)closing["data"]![0]!["fillSz"]));
    }
}
