using System.Text;
using System.Text.Json.Nodes;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// exchange-sim's WebSockets under hostile frames: a bad frame is answered with OKX's error and the socket stays open;
/// messages and subscriptions are capped; the same subscription twice pushes once; sockets subscribing and
/// unsubscribing while orders push never make an order's answer lie.
/// </summary>
public sealed class ExchangeSimWebSocketHardeningTests : SimServerTests
{
    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"subscribe\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{")]
    [InlineData("""{"op":["subscribe"]}""")]
    [InlineData("""{"op":7,"args":[]}""")]
    [InlineData("""{"op":"subscribe","args":"tickers"}""")]
    [InlineData("""{"op":"subscribe","args":[1]}""")]
    [InlineData("""{"op":"subscribe","args":[{"channel":{"x":1}}]}""")]
    [InlineData("""{"op":"subscribe","args":[{"channel":"tickers","instId":"\ud800"}]}""")]
    [InlineData("""{"op":"unsubscribe","args":[{"channel":"\udfff"}]}""")]
    [InlineData("""{"\ud800":"subscribe"}""")]
    [InlineData("""{"op":"subscribe","args":[{"channel":"tickers","instId":"BTC-USDT"}],"x":{"y":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}}""")]
    public async Task A_non_object_frame_gets_60012_and_the_socket_stays_open(string frame)
    {
        await using var ws = await SimWsClient.ConnectAsync(Kit.WsUrl("public"));

        await ws.SendAsync(frame);
        var error = await ws.ExpectAsync(m => (string?)m["event"] == "error");

        Assert.Equal("60012", (string?)error["code"]);
        Assert.StartsWith("Invalid request", (string?)error["msg"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)error["connId"]));
        Assert.True(await ws.PingAsync());
        Assert.Equal(0, Kit.Server.UnexpectedFailures);
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("253402300800")]
    [InlineData("1e10")]
    [InlineData("")]
    public async Task An_out_of_range_login_timestamp_gets_60004_and_the_socket_stays_open(string timestamp)
    {
        await using var ws = await SimWsClient.ConnectAsync(Kit.WsUrl("private"));

        await ws.SendAsync($$"""{"op":"login","args":[{"apiKey":"{{SimServerKit.ApiKey}}","passphrase":"{{SimServerKit.Passphrase}}","timestamp":"{{timestamp}}","sign":"x"}]}""");
        var error = await ws.ExpectAsync(m => (string?)m["event"] == "error");

        Assert.Equal("60004", (string?)error["code"]);
        Assert.True(await ws.PingAsync());
    }

    [Fact]
    public async Task A_message_over_64_KB_gets_60012_and_the_socket_stays_open()
    {
        await using var ws = await SimWsClient.ConnectAsync(Kit.WsUrl("public"));
        var subscribe = """{"op":"subscribe","args":[{"channel":"tickers","instId":"BTC-USDT"}]}""";

        await ws.SendAsync(Encoding.UTF8.GetBytes(subscribe + new string(' ', 200 * 1024)));
        var error = await ws.ExpectAsync(m => (string?)m["event"] is "error" or "subscribe");
        await ws.SendAsync(subscribe + new string(' ', 64 * 1024 - subscribe.Length));   // exactly at the limit: read
        var subscribed = await ws.ExpectAsync(m => (string?)m["event"] is "error" or "subscribe");

        Assert.Equal(("error", "60012"), ((string?)error["event"], (string?)error["code"]));
        Assert.Equal("subscribe", (string?)subscribed["event"]);
        Assert.True(await ws.PingAsync());
    }

    [Fact]
    public async Task Identical_subscriptions_push_once()
    {
        await using var ws = await SimWsClient.ConnectAsync(Kit.WsUrl("public"));
        var arg = """{"channel":"tickers","instId":"BTC-USDT"}""";
        for (var frame = 0; frame < 4; frame++)
            await ws.SendAsync($$"""{"op":"subscribe","args":[{{string.Join(",", Enumerable.Repeat(arg, 100))}}]}""");
        var answers = await ws.DrainAsync(TimeSpan.FromMilliseconds(500));

        Kit.Server.PushBar(Bar(40_100m, 40_000m, 40_150m));
        var pushes = (await ws.DrainAsync(TimeSpan.FromMilliseconds(500))).Where(m => m.Contains("\"data\"", StringComparison.Ordinal)).ToList();

        Assert.Equal(400, answers.Count(m => m.Contains("\"event\":\"subscribe\"", StringComparison.Ordinal)));   // each answered, as OKX does
        var push = Assert.Single(pushes);
        Assert.Equal("40100", (string?)JsonNode.Parse(push)!["data"]![0]!["last"]);
    }

    [Fact]
    public async Task Subscriptions_past_240_per_connection_get_60012()
    {
        await using var ws = await SimWsClient.ConnectAsync(Kit.WsUrl("public"));
        var args = Enumerable.Range(0, 241).Select(i => $$"""{"channel":"tickers","instId":"BTC-USDT","n":"{{i}}"}""");

        await ws.SendAsync($$"""{"op":"subscribe","args":[{{string.Join(",", args)}}]}""");
        var answers = (await ws.DrainAsync(TimeSpan.FromMilliseconds(500))).Select(m => JsonNode.Parse(m)!).ToList();

        Assert.Equal(240, answers.Count(m => (string?)m["event"] == "subscribe"));
        Assert.Equal("60012", (string?)Assert.Single(answers, m => (string?)m["event"] == "error")["code"]);
        Assert.True(await ws.PingAsync());
    }

    [Fact]
    public async Task Concurrent_subscribes_and_unsubscribes_while_orders_push_never_turn_a_placed_order_into_an_error()
    {
        var sockets = new List<SimWsClient>();
        for (var i = 0; i < 4; i++)
        {
            var ws = await SimWsClient.ConnectAsync(Kit.WsUrl("private"));
            await ws.LoginAsync(SimServerKit.ApiKey, SimServerKit.SecretKey, SimServerKit.Passphrase);
            sockets.Add(ws);
        }
        using var stop = new CancellationTokenSource();
        var churn = sockets.Select(ws => Task.Run(async () =>
        {
            var args = """[{"channel":"orders","instType":"ANY"},{"channel":"account"},{"channel":"positions","instType":"ANY"}]""";
            while (!stop.IsCancellationRequested)
            {
                await ws.SendAsync($$"""{"op":"subscribe","args":{{args}}}""");
                await ws.SendAsync($$"""{"op":"unsubscribe","args":{{args}}}""");
                await Task.Delay(5);
            }
        })).ToList();
        using var client = new SimRawClient(Kit.BaseUrl);

        var codes = new List<string?>();
        for (var i = 0; i < 40; i++)
        {
            var (_, body) = await client.PostAsync("/api/v5/trade/order",
                $$"""{"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"0.1","clOrdId":"race{{i}}"}""");
            codes.Add((string?)body["code"]);
        }
        await stop.CancelAsync();
        await Task.WhenAll(churn);
        var (_, positions) = await client.GetAsync("/api/v5/account/positions");

        Assert.All(codes, code => Assert.Equal("0", code));
        Assert.Equal("4", (string?)positions["data"]![0]!["pos"]);
        Assert.Equal(0, Kit.Server.UnexpectedFailures);
        foreach (var ws in sockets)
        {
            await ws.DrainAsync(TimeSpan.FromMilliseconds(100));
            Assert.True(await ws.PingAsync());
            await ws.DisposeAsync();
        }
    }
}
