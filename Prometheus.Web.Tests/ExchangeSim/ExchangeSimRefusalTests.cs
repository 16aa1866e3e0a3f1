using System.Text.Json.Nodes;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// The answer and the state agree: what exchange-sim refuses changed nothing (no algo left behind, no order cancelled,
/// no leverage half set), and what it executed is answered as executed, item by item, as OKX answers batches.
/// </summary>
public sealed class ExchangeSimRefusalTests : SimServerTests
{
    private SimRawClient Client => _client ??= new SimRawClient(Kit.BaseUrl);
    private SimRawClient? _client;

    [Fact]
    public async Task A_refused_order_leaves_no_algo()
    {
        // Refused by the exchange itself, after the algo was written down: its notional is past decimal's range.
        var (_, refused) = await Client.PostAsync("/api/v5/trade/order", """
            {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"limit","sz":"1000000000",
             "px":"79228162514264337593543950335","clOrdId":"orphan1","attachAlgoOrds":[{"slTriggerPx":"39000","slOrdPx":"-1"}]}
            """);
        // The clOrdId was never taken, so it may be used again: the new order must not inherit the refused one's stop.
        await Client.PostAsync("/api/v5/trade/order", """
            {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"orphan1"}
            """);
        Kit.Server.PushBar(Bar(38_900m, 38_800m, 39_100m));   // through the refused order's stop
        var (_, order) = await Client.GetAsync("/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=orphan1");
        var (_, positions) = await Client.GetAsync("/api/v5/account/positions");

        Assert.Equal(("1", "51000"), ((string?)refused["code"], (string?)refused["data"]![0]!["sCode"]));
        Assert.Empty(order["data"]![0]!["attachAlgoOrds"]!.AsArray());
        Assert.Empty(Kit.Server.Algos.All);
        Assert.Equal("1", (string?)positions["data"]![0]!["pos"]);   // no stop fired on it
    }

    [Fact]
    public async Task A_refused_close_position_leaves_the_resting_close_order_live()
    {
        await Client.PostAsync("/api/v5/trade/order", """
            {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"sell","posSide":"short","ordType":"market","sz":"3","clOrdId":"short1"}
            """);
        await Client.PostAsync("/api/v5/trade/order", """
            {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"short","ordType":"limit","px":"30000","sz":"2","clOrdId":"tp1"}
            """);

        // Its clOrdId is taken: refused (51016), so the resting close order must still rest.
        var (_, refused) = await Client.PostAsync("/api/v5/trade/close-position",
            """{"instId":"BTC-USDT-SWAP","posSide":"short","mgnMode":"isolated","clOrdId":"short1"}""");
        var (_, resting) = await Client.GetAsync("/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=tp1");
        var (_, positions) = await Client.GetAsync("/api/v5/account/positions");

        Assert.Equal("51016", (string?)refused["code"]);
        Assert.Equal("live", (string?)resting["data"]![0]!["state"]);
        Assert.Equal(("3", "1"), ((string?)positions["data"]![0]!["pos"], (string?)positions["data"]![0]!["availPos"]));
    }

    [Fact]
    public async Task A_batch_with_one_bad_item_answers_each_item_and_executes_the_good_ones()
    {
        var (status, body) = await Client.PostAsync("/api/v5/trade/batch-orders", """
            [{"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"good1"},
             {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"bad\ud800"},
             {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1e30","clOrdId":"bad2"},
             [1],
             {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"limit","px":"79228162514264337593543950335","sz":"1","clOrdId":"bad3","attachAlgoOrds":[{"slTriggerPx":"1"}]},
             {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"2","clOrdId":"good2"}]
            """);
        var (_, positions) = await Client.GetAsync("/api/v5/account/positions");

        Assert.Equal((200, "2", "Bulk operation partially succeeded"), (status, (string?)body["code"], (string?)body["msg"]));
        Assert.Equal(["0", "51000", "51000", "51000", "51000", "0"], body["data"]!.AsArray().Select(i => (string?)i!["sCode"]));
        Assert.Equal("3", (string?)positions["data"]![0]!["pos"]);
        Assert.Empty(Kit.Server.Algos.All);
    }

    [Fact]
    public async Task A_cancel_batch_with_bad_items_cancels_the_good_ones_and_answers_each()
    {
        foreach (var id in (string[])["rest1", "rest2"])
            await Client.PostAsync("/api/v5/trade/order",
                $$"""{"instId":"BTC-USDT","tdMode":"cash","side":"buy","ordType":"limit","px":"30000","sz":"0.01","clOrdId":"{{id}}"}""");

        var (_, body) = await Client.PostAsync("/api/v5/trade/cancel-batch-orders", """
            [{"instId":"BTC-USDT","clOrdId":"rest1"}, {"instId":"\udbff","clOrdId":"rest2"}, 7, {"instId":"BTC-USDT","clOrdId":{"x":1}},
             {"instId":"BTC-USDT","clOrdId":"rest2"}]
            """);
        var (_, pending) = await Client.GetAsync("/api/v5/trade/orders-pending");

        Assert.Equal("2", (string?)body["code"]);
        Assert.Equal(["0", "51000", "51000", "51000", "0"], body["data"]!.AsArray().Select(i => (string?)i!["sCode"]));
        Assert.Empty(pending["data"]!.AsArray());
    }

    [Fact]
    public async Task A_batch_where_every_item_fails_answers_code_1_and_each_items_sCode()
    {
        var (_, body) = await Client.PostAsync("/api/v5/trade/batch-orders", """
            [{"instId":"ETH-USDT","tdMode":"cash","side":"buy","ordType":"market","sz":"1","clOrdId":"x1"}, "no"]
            """);

        Assert.Equal(("1", "All operations failed"), ((string?)body["code"], (string?)body["msg"]));
        Assert.Equal(["51001", "51000"], body["data"]!.AsArray().Select(i => (string?)i!["sCode"]));
    }

    [Fact]
    public async Task Leverage_without_posSide_is_set_on_both_sides_or_on_neither()
    {
        await Client.PostAsync("/api/v5/trade/order", """
            {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"sell","posSide":"short","ordType":"limit","px":"45000","sz":"1","clOrdId":"s1"}
            """);
        await Client.PostAsync("/api/v5/trade/order", """
            {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"l1"}
            """);

        // The short side has a resting order (59101): the long side must keep its leverage too.
        var (_, refused) = await Client.PostAsync("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"isolated","lever":"10"}""");
        var (_, positions) = await Client.GetAsync("/api/v5/account/positions");

        Assert.Equal("59101", (string?)refused["code"]);
        Assert.Equal("3", (string?)positions["data"]!.AsArray().Single(p => (string?)p!["posSide"] == "long")!["lever"]);
    }

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
    }
}
