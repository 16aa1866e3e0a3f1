using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// The gateway's WebSockets against exchange-sim: a dropped socket reconnects, resubscribes and re-fetches what the
/// orders channel does not replay; the heartbeat; candles and tickers; login and environment checks; no secret in logs.
/// </summary>
public sealed class OkxGatewayStreamTests : SimServerTests
{
    [Fact]
    public async Task A_dropped_socket_reconnects_resubscribes_and_refetches_pending_orders_and_positions()
    {
        await using var gateway = await Kit.GatewayAsync(streams: OkxStreams.Private);
        await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT-SWAP", "ws1x1", OrderSide.Buy, PositionSide.Long, OrderType.Limit, 1m, 39_000m));
        await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT-SWAP", "ws1x2", OrderSide.Buy, PositionSide.Long, OrderType.Market, 2m));
        await NextFillAsync(gateway);
        Assert.Equal(1, gateway.Resyncs);

        Kit.Server.Hub.DropAll();
        await WaitUntil(() => gateway.Resyncs >= 2);

        var resync = gateway.LastResync!;
        Assert.True(gateway.Sockets[0].Connections >= 2);
        Assert.Equal("ws1x1", Assert.Single(resync.PendingOrders).ClOrdId);
        Assert.Equal((PositionSide.Long, 2m), (Assert.Single(resync.Positions).PosSide, resync.Positions[0].Size));
        // Subscribed again: the next fill still arrives as a push.
        await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT-SWAP", "ws1x3", OrderSide.Sell, PositionSide.Long, OrderType.Market, 1m, ReduceOnly: true));
        Assert.Equal("ws1x3", (await NextFillAsync(gateway)).ClOrdId);
    }

    [Fact]
    public async Task A_fill_made_while_the_socket_was_down_is_recovered_exactly_once()
    {
        await using var gateway = await Kit.GatewayAsync(configure: o => { o.ReconnectBaseDelaySeconds = 0.5; o.ReconnectMaxDelaySeconds = 1; }, streams: OkxStreams.Private);
        using var other = new SimRawClient(Kit.BaseUrl);   // another client of the account trades while the socket is down

        Kit.Server.Hub.DropAll();
        await other.PostAsync("/api/v5/trade/order",
            """{"instId":"BTC-USDT","tdMode":"cash","side":"buy","ordType":"market","sz":"0.01","tgtCcy":"base_ccy","clOrdId":"gap1"}""");
        await WaitUntil(() => gateway.Resyncs >= 2);

        Assert.Equal("gap1", (await NextFillAsync(gateway)).ClOrdId);
        Assert.Equal(1, gateway.LastResync!.RecoveredFills);
        await Task.Delay(300);
        Assert.False(gateway.Fills.TryRead(out _));
    }

    [Fact]
    public async Task A_malformed_push_is_logged_and_skipped_and_the_socket_stays_up()
    {
        var log = new ListLogger();
        await using var gateway = await Kit.GatewayAsync(log, streams: OkxStreams.Private);

        foreach (var session in Kit.Server.Hub.Sessions)
        {
            session.Send("not json at all");
            session.Send("""{"data":[]}""");
            session.Send("""{"arg":{"channel":"orders","instType":"ANY"},"data":[{"fillSz":"abc","tradeId":"1","side":"buy"}]}""");
            session.Send("""{"arg":{"channel":"orders","instType":"ANY"},"data":[{"fillSz":"1","tradeId":"2","side":"hold","instId":"BTC-USDT"}]}""");
        }
        await WaitUntil(() => log.All.Split('\n').Count(l => l.Contains("push not understood", StringComparison.Ordinal)) >= 2);
        await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT", "mal1x1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 0.01m));

        Assert.Equal("mal1x1", (await NextFillAsync(gateway)).ClOrdId);
        Assert.Equal(1, gateway.Sockets[0].Connections);
        Assert.Contains("is not JSON", log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiet_socket_is_kept_alive_with_ping_and_pong()
    {
        await using var gateway = await Kit.GatewayAsync(configure: o => o.HeartbeatSeconds = 0.2, streams: OkxStreams.Private);

        await WaitUntil(() => gateway.Sockets[0].PingsSent >= 2);

        Assert.Equal(1, gateway.Sockets[0].Connections);
    }

    [Fact]
    public async Task A_socket_that_stops_answering_ping_is_dropped_and_reconnected()
    {
        await using var gateway = await Kit.GatewayAsync(configure: o => { o.HeartbeatSeconds = 0.2; o.PongTimeoutSeconds = 0.2; }, streams: OkxStreams.Private);

        Kit.Server.Hub.AnswerPings = false;
        await WaitUntil(() => gateway.Sockets[0].Connections >= 2);
        Kit.Server.Hub.AnswerPings = true;

        await WaitUntil(() => gateway.Resyncs >= 2);
    }

    [Fact]
    public async Task Candles_come_from_the_business_socket_and_tickers_from_the_public_one()
    {
        await using var gateway = await Kit.GatewayAsync();

        Kit.Server.PushBar(new Candle(0, 40_010m, 40_100m, 40_000m, 40_050m, 75m));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        (string InstId, OkxCandle Candle) update;
        do
            update = await gateway.Candles.ReadAsync(timeout.Token);
        while (update.InstId != "BTC-USDT-SWAP");
        await WaitUntil(() => gateway.LatestTicker("BTC-USDT")?.Last == 40_050m);

        Assert.Equal((40_010m, 40_100m, 40_000m, 40_050m, 75m, true),
            (update.Candle.Candle.Open, update.Candle.Candle.High, update.Candle.Candle.Low, update.Candle.Candle.Close, update.Candle.Candle.Volume, update.Candle.Confirmed));
        Assert.Equal(3, gateway.Sockets.Count);
        Assert.EndsWith("/ws/v5/business", gateway.Sockets[2].Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task REST_candles_and_tickers_read_what_the_server_replays()
    {
        await using var gateway = await Kit.GatewayAsync(streams: OkxStreams.Private);

        var candles = await gateway.GetCandlesAsync("BTC-USDT-SWAP", "15m", limit: 10);
        var ticker = await gateway.GetTickerAsync("BTC-USDT-SWAP");

        Assert.Equal(10, candles.Count);
        Assert.True(candles[0].Candle.TimestampMs < candles[^1].Candle.TimestampMs);   // oldest first for the engine
        Assert.Equal(40_000m, candles[^1].Candle.Close);
        Assert.Equal(40_000m, ticker.Last);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_at_start_with_50113()
    {
        var error = await Assert.ThrowsAsync<OkxApiException>(() => Kit.GatewayAsync(configure: o => o.SecretKey = "wrong-secret"));

        Assert.Equal((OkxErrorKind.InvalidSignature, "50113"), (error.Kind, error.Code));
    }

    [Fact]
    public async Task Live_keys_on_the_demo_server_are_refused_with_50101()
    {
        var error = await Assert.ThrowsAsync<OkxApiException>(() => Kit.GatewayAsync(configure: o => { o.Demo = false; o.AllowLive = true; }));

        Assert.Equal(OkxErrorKind.WrongEnvironment, error.Kind);
    }

    [Fact]
    public async Task Live_trading_without_AllowLive_does_not_even_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Kit.GatewayAsync(configure: o => o.Demo = false));

        Assert.Contains("Prometheus:Exchange:Okx:AllowLive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_clock_five_minutes_off_is_corrected_from_the_servers_time()
    {
        await using var gateway = await Kit.GatewayAsync(streams: OkxStreams.Private, time: new OffsetTimeProvider(TimeSpan.FromMinutes(5)));

        var balances = await gateway.GetBalancesAsync();

        Assert.Contains(balances, b => b.Ccy == "USDT");
        Assert.InRange(gateway.Rest.ClockOffset.TotalMinutes, -5.1, -4.9);
    }

    [Fact]
    public async Task No_credential_appears_in_the_gateways_logs_or_errors()
    {
        var log = new ListLogger();
        await using (var gateway = await Kit.GatewayAsync(log, o => o.HeartbeatSeconds = 0.3))
        {
            await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT", "log1x1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 0.01m));
            await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT", "log1x1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 0.01m));
            Kit.Server.Hub.DropAll();
            await WaitUntil(() => gateway.Resyncs >= 2);
        }
        var refused = await Assert.ThrowsAsync<OkxApiException>(() => Kit.GatewayAsync(log, o => o.Passphrase = SimServerKit.Passphrase + "x"));

        var text = log.All + refused;
        Assert.Contains("OKX gateway starting", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SimServerKit.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SimServerKit.Passphrase, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SimServerKit.ApiKey, text, StringComparison.Ordinal);
    }

    private sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
