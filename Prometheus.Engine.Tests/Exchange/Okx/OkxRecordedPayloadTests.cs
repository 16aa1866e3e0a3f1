using System.Text.Json;
using System.Text.Json.Nodes;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Okx.Wire;

namespace Prometheus.Engine.Tests.Exchange.Okx;

/// <summary>
/// The gateway reads exactly what OKX sent (Recorded/, real V5 payloads), and its wire records carry every field of
/// them under the same names: what exchange-sim writes with those records has OKX's shape, field for field.
/// </summary>
public class OkxRecordedPayloadTests
{
    [Fact]
    public void Balance_details_become_balances_with_frozen_funds_inside_the_total()
    {
        var wire = Single<OkxBalanceWire>("GET_account_balance.json");

        var btc = OkxMapper.ToBalances(wire).Single(b => b.Ccy == "BTC");

        Assert.Equal(new ExchangeBalance("BTC", 1.06126645222m, 0.6612664522199999m, 0.4m), btc);
        Assert.Equal(wire.Details.Count, OkxMapper.ToBalances(wire).Count);
    }

    [Fact]
    public void Account_config_gives_the_position_mode()
    {
        Assert.Equal("net_mode", Single<OkxAccountConfigWire>("GET_account_config.json").PosMode);
    }

    [Fact]
    public void A_cross_position_reads_its_margin_from_imr_and_an_empty_liquidation_price_as_zero()
    {
        var position = OkxMapper.ToPosition(Single<OkxPositionWire>("GET_account_positions.json"));

        Assert.Equal(new ExchangePosition("LTC-USDT-SWAP", PositionSide.Long, 2m, 82.675m, 10m, 0m, 0.020266m, 0.03731m), position);
    }

    [Fact]
    public void Candles_come_newest_first_with_base_volume()
    {
        var rows = Envelope("GET_market_candles.json").Data.Select(e => e.Deserialize<List<string>>()!).ToList();

        var candles = rows.Select(r => OkxMapper.ToCandle(r, InstrumentKind.Spot)).ToList();

        Assert.Equal([1706637600000L, 1706634000000L, 1706630400000L], candles.Select(c => c.Candle.TimestampMs));
        Assert.Equal(new Prometheus.Engine.Market.Candle(1706637600000, 43398.6m, 43493.9m, 43279.9m, 43373.9m, 5070.79611732m), candles[0].Candle);
        Assert.All(candles, c => Assert.True(c.Confirmed));
    }

    [Fact]
    public void Ticker_fields_are_read_exactly()
    {
        var ticker = OkxTicker.From(Single<OkxTickerWire>("GET_market_ticker.json"));

        Assert.Equal(new OkxTicker("BTC-USDT", 73384.8m, 73384.7m, 73384.8m, 72166.8m, 73625.6m, 68600m, 1710328243709), ticker);
    }

    [Fact]
    public void The_recorded_instrument_entries_are_the_engines_instruments()
    {
        Assert.Equal(TestInstruments.BtcUsdtSwap, OkxMapper.ToInstrument(Entry<OkxInstrumentWire>("GET_public_instruments_BTC-USDT-SWAP_entry.json"), InstrumentCatalog.Shipped));
        Assert.Equal(TestInstruments.BtcUsdt, OkxMapper.ToInstrument(Entry<OkxInstrumentWire>("GET_public_instruments_BTC-USDT_spot_entry.json"), InstrumentCatalog.Shipped));
    }

    [Fact]
    public void A_fill_pays_a_positive_fee_in_its_fee_currency()
    {
        var fill = OkxMapper.ToFill(Single<OkxFillWire>("GET_trade_fills.json"));

        Assert.Equal(new ExchangeFill("56181695", "639895991331667968", "e847386590ce4dBCff0cf9a74b5f3bcf", "LTC-USDT",
            OrderSide.Buy, PositionSide.Long, 0.1m, 67.84m, 0.0001m, "LTC", 1698835093027), fill);
    }

    [Fact]
    public void A_spot_buy_fee_charged_in_the_base_currency_is_reported_in_the_quote()
    {
        var order = OkxMapper.ToOrder(Single<OkxOrderWire>("GET_trade_order.json"));

        Assert.Equal(new ExchangeOrder("1339107111507525632", "e847386590ce4dBC6f7ae74854f6a617", "LTC-USDT", OrderSide.Buy,
            PositionSide.Long, OrderType.Market, 0.1m, null, 0.1m, 101.58m, 0.0001m * 101.58m, OrderState.Filled,
            1712410901848, 1712410901852), order);
    }

    [Fact]
    public void Order_history_reads_a_hedge_mode_swap_order()
    {
        var order = OkxMapper.ToOrder(Single<OkxOrderWire>("GET_trade_orders-history.json"));

        Assert.Equal((OrderSide.Buy, PositionSide.Long, OrderState.Filled, 1m, 68.24m, 0.00003412m),
            (order.Side, order.PosSide, order.State, order.FilledSize, order.AveragePrice, order.Fee));
    }

    [Fact]
    public void An_order_answer_carries_sCode_and_ordId_and_extra_envelope_fields_are_ignored()
    {
        var envelope = Envelope("POST_trade_order_response.json");
        var item = envelope.Data[0].Deserialize<OkxOrderResultWire>(OkxJson.Response)!;

        Assert.Equal(("0", "0", "2896576259728695296", "6b9ad766b55dBCDE63969a1144bfb943"), (envelope.Code, item.SCode, item.OrdId, item.ClOrdId));
    }

    [Fact]
    public void The_order_body_uses_the_recorded_request_fields_and_formats()
    {
        var recorded = JsonNode.Parse(OkxTestKit.Recorded("POST_trade_batch-orders_request_body.json"))!.AsArray()[0]!.AsObject();
        var request = new OrderRequest("BTC-USDT-SWAP", "6b9ad766b55dBCDE63969a1144bfb943", OrderSide.Buy, PositionSide.Long,
            OrderType.Market, 0.1m, StopLossPrice: 100333m);
        var body = OkxExchange.PlaceOrderBody(request, TestInstruments.BtcUsdtSwap);
        body.TdMode = "cross";

        var ours = JsonNode.Parse(JsonSerializer.Serialize(body, OkxJson.Request))!.AsObject();

        foreach (var (key, value) in recorded.Where(p => p.Key != "tag"))
            Assert.Equal(value!.ToJsonString(), ours[key]!.ToJsonString());
        Assert.Equal("\"long\"", ours["posSide"]!.ToJsonString());   // hedge mode: the recording's account was in net mode
    }

    [Fact]
    public void A_spot_market_order_is_sized_in_the_base_currency()
    {
        var body = OkxExchange.PlaceOrderBody(new OrderRequest("BTC-USDT", "p1x1", OrderSide.Buy, PositionSide.Long, OrderType.Market, 0.01m), TestInstruments.BtcUsdt);

        Assert.Equal(("cash", "base_ccy", null), (body.TdMode, body.TgtCcy, body.PosSide));
    }

    [Fact]
    public void WebSocket_candle_and_ticker_pushes_are_read()
    {
        var candlePush = JsonDocument.Parse(OkxTestKit.Recorded("WS_business_candle1m_BTC-USDT-SWAP_push.json")).RootElement;
        var row = candlePush.GetProperty("data")[0].Deserialize<List<string>>()!;
        var candle = OkxMapper.ToCandle(row, InstrumentKind.Swap);
        var tickerPush = JsonDocument.Parse(OkxTestKit.Recorded("WS_public_tickers_BTC-USDT-SWAP_push.json")).RootElement;
        var ticker = OkxTicker.From(tickerPush.GetProperty("data")[0].Deserialize<OkxTickerWire>(OkxJson.Response)!);

        Assert.Equal("candle1m", candlePush.GetProperty("arg").GetProperty("channel").GetString());
        Assert.Equal(18.0361m, candle.Candle.Volume);   // volCcy (BTC), not vol (contracts)
        Assert.False(candle.Confirmed);
        Assert.Equal((63921m, 63921m, 63921.1m), (ticker.Last, ticker.BidPx, ticker.AskPx));
    }

    [Theory]
    [InlineData("GET_account_balance.json", typeof(OkxBalanceWire))]
    [InlineData("GET_account_config.json", typeof(OkxAccountConfigWire))]
    [InlineData("GET_account_positions.json", typeof(OkxPositionWire))]
    [InlineData("GET_market_ticker.json", typeof(OkxTickerWire))]
    [InlineData("GET_trade_fills.json", typeof(OkxFillWire))]
    [InlineData("GET_trade_order.json", typeof(OkxOrderWire))]
    [InlineData("GET_trade_orders-history.json", typeof(OkxOrderWire))]
    [InlineData("POST_trade_order_response.json", typeof(OkxOrderResultWire))]
    [InlineData("GET_public_instruments_BTC-USDT-SWAP_entry.json", typeof(OkxInstrumentWire))]
    [InlineData("WS_public_tickers_BTC-USDT-SWAP_push.json", typeof(OkxTickerWire))]
    public void Wire_records_carry_every_recorded_field_under_its_name(string file, Type wireType)
    {
        var recorded = RecordedItem(file);

        var written = JsonSerializer.SerializeToNode(recorded.Deserialize(wireType, OkxJson.Response), wireType, OkxJson.Response)!.AsObject();

        AssertSameShape(recorded, written, file);
    }

    [Fact]
    public void Balance_details_carry_every_recorded_field()
    {
        var recorded = RecordedItem("GET_account_balance.json")["details"]!.AsArray()[0]!.AsObject();

        var written = JsonSerializer.SerializeToNode(recorded.Deserialize<OkxBalanceDetailWire>(OkxJson.Response), OkxJson.Response)!.AsObject();

        AssertSameShape(recorded, written, "details");
    }

    [Fact]
    public void Nonsense_values_are_typed_malformed_errors_naming_the_field()
    {
        var wire = Single<OkxOrderWire>("GET_trade_order.json");
        wire.AccFillSz = "0.1e";

        var error = Assert.Throws<OkxApiException>(() => OkxMapper.ToOrder(wire));
        Assert.Equal(OkxErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("accFillSz", error.Message, StringComparison.Ordinal);

        wire.AccFillSz = "0.1";
        wire.Side = "hold";
        Assert.Equal(OkxErrorKind.MalformedResponse, Assert.Throws<OkxApiException>(() => OkxMapper.ToOrder(wire)).Kind);
        Assert.Equal(OkxErrorKind.MalformedResponse, Assert.Throws<OkxApiException>(() => OkxMapper.ToCandle(["1", "2"], InstrumentKind.Spot)).Kind);
    }

    [Fact]
    public void Numbers_are_written_as_OKX_writes_them()
    {
        Assert.Equal(["0.1", "63921", "0.00000001", "-0.0001", "100"],
            new[] { 0.10m, 63921.0m, 0.00000001m, -0.000100m, 100m }.Select(OkxJson.Format));
    }

    /// <summary>The JSON kind, true and false being one kind (a boolean).</summary>
    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "Boolean",
        var kind => kind?.ToString() ?? "null",
    };

    private static void AssertSameShape(JsonObject recorded, JsonObject written, string what)
    {
        var missing = recorded.Select(p => p.Key).Except(written.Select(p => p.Key)).ToList();
        Assert.True(missing.Count == 0, $"{what}: fields missing from the wire record: {string.Join(", ", missing)}");
        foreach (var (key, value) in recorded)
        {
            // Same JSON kind: a string stays a string (numbers as strings), a boolean a boolean, an array an array.
            Assert.True(Kind(value) == Kind(written[key]), $"{what}.{key}: {Kind(value)} written as {Kind(written[key])}");
        }
    }

    private static OkxResponse<JsonElement> Envelope(string file) => OkxRestClient.ReadEnvelope(OkxTestKit.Recorded(file));

    private static T Single<T>(string file) => Envelope(file).Data.Single().Deserialize<T>(OkxJson.Response)!;

    private static T Entry<T>(string file) => JsonSerializer.Deserialize<T>(OkxTestKit.Recorded(file), OkxJson.Response)!;

    private static JsonObject RecordedItem(string file)
    {
        var root = JsonNode.Parse(OkxTestKit.Recorded(file))!.AsObject();
        return root.ContainsKey("data") ? root["data"]!.AsArray()[0]!.AsObject() : root;
    }
}
