using System.Globalization;
using System.Text.Json.Nodes;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// exchange-sim takes swaps in cross margin as a stock OKX client sends them (its default for swaps), reports the
/// positions and the account's cross figures as OKX does, liquidates cross positions at the account level, and keeps
/// the mode across a restart.
/// </summary>
public sealed class ExchangeSimCrossMarginTests : IAsyncLifetime
{
    private SimServerKit _kit = null!;
    private SimRawClient _client = null!;

    public async Task InitializeAsync()
    {
        _kit = await SimServerKit.StartAsync();
        _client = new SimRawClient(_kit.BaseUrl);
        _kit.Server.PushBar(new Candle(0, 40_000m, 40_005m, 39_995m, 40_000m, 10_000m));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _kit.DisposeAsync();
    }

    private async Task<JsonObject> PlaceAsync(string tdMode, string posSide, string side, string sz, string clOrdId) =>
        (await _client.PostAsync("/api/v5/trade/order",
            $$"""{"instId":"BTC-USDT-SWAP","tdMode":"{{tdMode}}","side":"{{side}}","posSide":"{{posSide}}","ordType":"market","sz":"{{sz}}","clOrdId":"{{clOrdId}}"}""")).Body;

    private async Task<JsonNode> PositionAsync(string posSide)
    {
        var (_, body) = await _client.GetAsync("/api/v5/account/positions?instId=BTC-USDT-SWAP");
        return body["data"]!.AsArray().Single(p => (string?)p!["posSide"] == posSide)!;
    }

    private static decimal Number(JsonNode? node) => decimal.Parse((string)node!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_cross_margin_swap_order_from_a_stock_client_fills()
    {
        var placed = await PlaceAsync("cross", "long", "buy", "10", "cross1");
        var (_, order) = await _client.GetAsync("/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=cross1");
        var position = await PositionAsync("long");

        Assert.Equal(("0", "0"), ((string?)placed["code"], (string?)placed["data"]![0]!["sCode"]));
        Assert.Equal(("filled", "cross"), ((string?)order["data"]![0]!["state"], (string?)order["data"]![0]!["tdMode"]));
        Assert.Equal(("cross", "10"), ((string?)position["mgnMode"], (string?)position["pos"]));
        Assert.Equal("", (string?)position["margin"]);   // OKX: margin is isolated's; cross reports imr
        Assert.True(Number(position["imr"]) > 0m);
    }

    [Fact]
    public async Task A_stock_okx_gateway_set_to_cross_margin_trades_swaps_here()
    {
        await using var gateway = await _kit.GatewayAsync(configure: o => o.MarginMode = "cross", streams: OkxStreams.Private);

        var leverage = await gateway.SetLeverageAsync("BTC-USDT-SWAP", PositionSide.Long, 7m);
        var ack = await gateway.PlaceOrderAsync(new OrderRequest("BTC-USDT-SWAP", "gwcross1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 5m));
        var position = await PositionAsync("long");

        Assert.True(leverage.Accepted, leverage.Message);
        Assert.True(ack.Accepted, ack.Message);
        Assert.Equal(("cross", "7", "5"), ((string?)position["mgnMode"], (string?)position["lever"], (string?)position["pos"]));
    }

    [Fact]
    public async Task The_balance_reports_the_accounts_cross_figures()
    {
        await _client.PostAsync("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"cross","lever":"10"}""");
        await PlaceAsync("cross", "long", "buy", "100", "cross2");   // 1 BTC at about 40,000: 4,000 initial, 160 maintenance

        var (_, body) = await _client.GetAsync("/api/v5/account/balance");
        var account = body["data"]![0]!;
        var usdt = account["details"]!.AsArray().Single(d => (string?)d!["ccy"] == "USDT")!;

        Assert.InRange(Number(account["imr"]), 3_990m, 4_010m);
        Assert.InRange(Number(account["mmr"]), 159m, 161m);
        Assert.InRange(Number(usdt["mgnRatio"]), 600m, 630m);          // about 99,980 equity over 160
        Assert.InRange(Number(usdt["eq"]), 99_900m, 100_000m);        // the margin is still the account's equity
        Assert.Equal(Number(account["imr"]), Number(usdt["imr"]));
    }

    [Fact]
    public async Task Set_leverage_with_cross_applies_to_cross_positions_only()
    {
        var cross = (await _client.PostAsync("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"cross","lever":"12"}""")).Body;
        var isolated = (await _client.PostAsync("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"isolated","lever":"2","posSide":"short"}""")).Body;
        await PlaceAsync("cross", "long", "buy", "10", "lev1");
        await PlaceAsync("isolated", "short", "sell", "10", "lev2");

        Assert.Equal(("0", "cross", "0"), ((string?)cross["code"], (string?)cross["data"]![0]!["mgnMode"], (string?)isolated["code"]));
        Assert.Equal(("12", "cross"), ((string?)(await PositionAsync("long"))["lever"], (string?)(await PositionAsync("long"))["mgnMode"]));
        Assert.Equal(("2", "isolated"), ((string?)(await PositionAsync("short"))["lever"], (string?)(await PositionAsync("short"))["mgnMode"]));
    }

    [Fact]
    public async Task A_side_open_in_isolated_refuses_a_cross_order_and_nothing_changes()
    {
        await PlaceAsync("isolated", "long", "buy", "10", "iso1");
        var before = await SimStateCheck.SnapshotAsync(_client);

        var refused = await PlaceAsync("cross", "long", "buy", "10", "cross3");

        Assert.Equal(("1", "51000"), ((string?)refused["code"], (string?)refused["data"]![0]!["sCode"]));
        Assert.Contains("isolated", (string?)refused["data"]![0]!["sMsg"], StringComparison.Ordinal);
        Assert.Equal(before, await SimStateCheck.SnapshotAsync(_client));
    }

    [Fact]
    public async Task Cross_positions_are_liquidated_at_the_accounts_liquidation_price()
    {
        await _client.PostAsync("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"cross","lever":"50"}""");
        await PlaceAsync("cross", "long", "buy", "1500", "big1");   // 15 BTC (600,000) on a 100,000 account
        var liqPx = Number((await PositionAsync("long"))["liqPx"]);
        Assert.InRange(liqPx, 29_000m, 39_000m);

        _kit.Server.PushBar(new Candle(0, 40_000m, 40_000m, liqPx - 10m, liqPx, 10_000m));
        var (_, positions) = await _client.GetAsync("/api/v5/account/positions?instId=BTC-USDT-SWAP");
        var (_, fills) = await _client.GetAsync("/api/v5/trade/fills?instId=BTC-USDT-SWAP");

        Assert.Empty(positions["data"]!.AsArray());
        var liquidation = fills["data"]!.AsArray()[0]!;
        Assert.Equal(("", liqPx, "1500"), ((string?)liquidation["clOrdId"], Number(liquidation["fillPx"]), (string?)liquidation["fillSz"]));
    }

    [Fact]
    public async Task A_cross_position_keeps_its_mode_across_a_restart_of_the_server()
    {
        await PlaceAsync("cross", "short", "sell", "10", "keep1");
        var dataDir = _kit.DataDir;
        await _kit.DisposeAsync();

        _kit = await SimServerKit.StartAsync(dataDir);
        _client.Dispose();
        _client = new SimRawClient(_kit.BaseUrl);
        var position = await PositionAsync("short");
        var (_, order) = await _client.GetAsync("/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=keep1");

        Assert.Equal(("cross", "10"), ((string?)position["mgnMode"], (string?)position["pos"]));
        Assert.Equal("cross", (string?)order["data"]![0]!["tdMode"]);
    }
}
