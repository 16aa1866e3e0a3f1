using System.Net;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Engine.Tests.Exchange.Okx;

/// <summary>An order POST is never sent twice: after an unknown outcome the order is looked up by clOrdId.</summary>
public class OkxOrderFaultTests
{
    private const string Order = "/api/v5/trade/order";
    private static readonly OrderRequest Buy = new("BTC-USDT-SWAP", "p7x42", OrderSide.Buy, PositionSide.Long, OrderType.Market, 1m);
    private readonly ManualTimeProvider _clock = new();
    private readonly ListLogger _log = new();

    private static string FoundOrder => $$"""
        [{"accFillSz":"1","avgPx":"43000","cTime":"1704067200000","clOrdId":"p7x42","fee":"-0.215","feeCcy":"USDT","instId":"BTC-USDT-SWAP",
          "instType":"SWAP","ordId":"777","ordType":"market","posSide":"long","px":"","side":"buy","state":"filled","sz":"1","uTime":"1704067200001"}]
        """;

    [Fact]
    public async Task After_50004_the_order_is_looked_up_by_clOrdId_and_never_posted_again()
    {
        var handler = new ScriptedHandler(r => Task.FromResult(r.Method == "POST"
            ? ScriptedHandler.Error("50004", "API endpoint request timeout (does not mean that the request was successful or failed, please check the request result)", HttpStatusCode.BadRequest)
            : ScriptedHandler.Ok(FoundOrder)));
        await using var exchange = Gateway(handler);

        var ack = await exchange.PlaceOrderAsync(Buy);

        Assert.Equal(OrderAck.Ok("p7x42", "777"), ack);
        Assert.Equal(1, handler.Count("POST", Order));
        Assert.Contains(handler.Requests, r => r is { Method: "GET", PathAndQuery: "/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=p7x42" });
    }

    [Fact]
    public async Task After_a_timeout_the_order_is_looked_up_and_never_posted_again()
    {
        var handler = new ScriptedHandler(async r =>
        {
            if (r.Method == "POST")
                await Task.Delay(TimeSpan.FromSeconds(30));
            return ScriptedHandler.Ok(FoundOrder);
        });
        await using var exchange = Gateway(handler, o => o.RequestTimeoutSeconds = 0.2);

        var ack = await exchange.PlaceOrderAsync(Buy);

        Assert.True(ack.Accepted);
        Assert.Equal(1, handler.Count("POST", Order));
    }

    [Fact]
    public async Task An_order_not_found_after_an_unknown_outcome_is_reported_not_placed_and_not_resent()
    {
        var handler = new ScriptedHandler(r => Task.FromResult(r.Method == "POST"
            ? ScriptedHandler.Json("<html>504 Gateway Time-out</html>", HttpStatusCode.GatewayTimeout)
            : ScriptedHandler.Error("51603", "Order does not exist")));
        await using var exchange = Gateway(handler);

        var ack = await exchange.PlaceOrderAsync(Buy);

        Assert.False(ack.Accepted);
        Assert.Equal(1, handler.Count("POST", Order));
        Assert.Equal(3, handler.Count("GET", Order));
    }

    [Fact]
    public async Task When_the_lookup_fails_too_the_outcome_stays_unknown_as_a_TimeoutException()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Json("down", HttpStatusCode.ServiceUnavailable)));
        await using var exchange = Gateway(handler, o => o.MaxRetries = 1);

        var error = await Assert.ThrowsAsync<OkxOrderOutcomeUnknownException>(async () => await exchange.PlaceOrderAsync(Buy));

        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Equal("p7x42", error.ClOrdId);
        Assert.Equal(1, handler.Count("POST", Order));
    }

    [Fact]
    public async Task A_refused_order_is_an_ack_with_the_sCode()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Json(
            """{"code":"1","msg":"All operations failed","data":[{"clOrdId":"p7x42","ordId":"","sCode":"51008","sMsg":"Order failed. Insufficient USDT margin in account","tag":"","ts":"1"}]}""")));
        await using var exchange = Gateway(handler);

        var ack = await exchange.PlaceOrderAsync(Buy);

        Assert.Equal(new OrderAck("p7x42", null, "51008", "Order failed. Insufficient USDT margin in account"), ack);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_rate_limited_order_is_refused_without_a_second_post()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Error("50011", "Rate limit reached", HttpStatusCode.TooManyRequests)));
        await using var exchange = Gateway(handler);

        var ack = await exchange.PlaceOrderAsync(Buy);

        Assert.Equal("50011", ack.Code);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_unknown_order_lookup_is_null()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Error("51603", "Order does not exist")));
        await using var exchange = Gateway(handler);

        Assert.Null(await exchange.GetOrderAsync("BTC-USDT", "1", null));
    }

    private OkxExchange Gateway(ScriptedHandler handler, Action<OkxOptions>? configure = null) =>
        OkxExchange.CreateRestOnly(OkxTestKit.Options(configure), new HttpClient(handler), _clock, _log);
}
