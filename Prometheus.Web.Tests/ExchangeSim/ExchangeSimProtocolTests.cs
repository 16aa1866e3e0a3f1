using System.Text.Json.Nodes;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>exchange-sim speaks OKX V5 to any client: signatures, codes, envelopes, and OKX's own field names.</summary>
public sealed class ExchangeSimProtocolTests : IAsyncLifetime
{
    private SimServerKit _kit = null!;
    private SimRawClient _client = null!;

    public async Task InitializeAsync()
    {
        _kit = await SimServerKit.StartAsync();
        _client = new SimRawClient(_kit.BaseUrl);
        _kit.Server.PushBar(new Candle(0, 40_000m, 40_005m, 39_995m, 40_000m, 100m));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _kit.DisposeAsync();
    }

    [Fact]
    public async Task A_correctly_signed_request_is_answered_in_the_envelope()
    {
        var (status, body) = await _client.GetAsync("/api/v5/account/balance");

        Assert.Equal(200, status);
        Assert.Equal("0", (string?)body["code"]);
        Assert.Equal("", (string?)body["msg"]);
        Assert.Equal("100000", (string?)body["data"]![0]!["details"]![0]!["cashBal"]);
    }

    [Fact]
    public async Task A_bad_signature_is_refused_with_50113()
    {
        _client.Secret = "not-the-secret";

        var (status, body) = await _client.GetAsync("/api/v5/account/balance");

        Assert.Equal((401, "50113"), (status, (string?)body["code"]));
    }

    [Fact]
    public async Task An_expired_timestamp_is_refused_with_50102()
    {
        _client.Now = () => DateTimeOffset.UtcNow.AddSeconds(-45);

        var (status, body) = await _client.GetAsync("/api/v5/trade/orders-pending");

        Assert.Equal((401, "50102"), (status, (string?)body["code"]));
    }

    [Theory]
    [InlineData("key", "50111")]
    [InlineData("passphrase", "50105")]
    [InlineData("demo", "50101")]
    public async Task Wrong_credentials_or_environment_get_OKXs_codes(string wrong, string code)
    {
        switch (wrong)
        {
            case "key": _client.Key = "someone-else"; break;
            case "passphrase": _client.Passphrase = "guess"; break;
            default: _client.Demo = false; break;
        }

        var (_, body) = await _client.GetAsync("/api/v5/account/positions");

        Assert.Equal(code, (string?)body["code"]);
    }

    [Fact]
    public async Task Missing_headers_are_named()
    {
        var (status, body) = await _client.GetAsync("/api/v5/account/config", signed: false);

        Assert.Equal((401, "50103"), (status, (string?)body["code"]));
    }

    [Fact]
    public async Task A_signed_body_that_changed_fails_the_signature()
    {
        // Sign one body, send another: the server verifies the bytes it received.
        using var http = new HttpClient { BaseAddress = new Uri(_kit.BaseUrl) };
        var timestamp = Prometheus.Engine.Exchange.Okx.OkxSigner.FormatTimestamp(DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v5/trade/order")
        {
            Content = new StringContent("""{"instId":"BTC-USDT","tdMode":"cash","side":"buy","ordType":"market","sz":"999"}"""),
        };
        request.Headers.Add("OK-ACCESS-KEY", SimServerKit.ApiKey);
        request.Headers.Add("OK-ACCESS-SIGN", Prometheus.Engine.Exchange.Okx.OkxSigner.Sign(SimServerKit.SecretKey,
            timestamp + "POST/api/v5/trade/order" + """{"instId":"BTC-USDT","tdMode":"cash","side":"buy","ordType":"market","sz":"1"}"""));
        request.Headers.Add("OK-ACCESS-TIMESTAMP", timestamp);
        request.Headers.Add("OK-ACCESS-PASSPHRASE", SimServerKit.Passphrase);
        request.Headers.Add("x-simulated-trading", "1");

        using var response = await http.SendAsync(request);

        Assert.Equal("50113", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]);
    }

    [Fact]
    public async Task An_unknown_path_answers_an_envelope_not_a_stack_trace()
    {
        var (status, body) = await _client.GetAsync("/api/v5/trade/no-such-thing", signed: false);
        var (_, other) = await _client.GetAsync("/nothing/here", signed: false);

        Assert.Equal((404, "404", "Not Found"), (status, (string?)body["code"], (string?)body["msg"]));
        Assert.Equal("404", (string?)other["code"]);
    }

    [Fact]
    public async Task An_order_answer_has_OKXs_item_fields_and_a_failed_item_its_sCode()
    {
        var ok = await _client.PostAsync("/api/v5/trade/order",
            """{"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"raw1x1","tag":"t1"}""");
        var refused = await _client.PostAsync("/api/v5/trade/order",
            """{"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"raw1x1"}""");

        var item = ok.Body["data"]![0]!.AsObject();
        Assert.Equal(["clOrdId", "ordId", "reqId", "sCode", "sMsg", "tag", "ts"], item.Select(p => p.Key).Order());
        Assert.Equal(("0", "0", "Order placed", "t1"), ((string?)ok.Body["code"], (string?)item["sCode"], (string?)item["sMsg"], (string?)item["tag"]));
        Assert.Equal(("1", "All operations failed", "51016"), ((string?)refused.Body["code"], (string?)refused.Body["msg"], (string?)refused.Body["data"]![0]!["sCode"]));
    }

    [Fact]
    public async Task A_spot_market_buy_without_tgtCcy_is_sized_in_the_quote_currency_as_on_OKX()
    {
        await _client.PostAsync("/api/v5/trade/order", """{"instId":"BTC-USDT","tdMode":"cash","side":"buy","ordType":"market","sz":"4000","clOrdId":"quote1"}""");

        var (_, order) = await _client.GetAsync("/api/v5/trade/order?instId=BTC-USDT&clOrdId=quote1");

        Assert.Equal("0.1", (string?)order["data"]![0]!["accFillSz"]);   // 4,000 USDT at 40,000
    }

    [Fact]
    public async Task Batch_orders_answer_per_item_with_a_partial_envelope()
    {
        var (_, body) = await _client.PostAsync("/api/v5/trade/batch-orders", """
            [{"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"limit","px":"39000","sz":"1","clOrdId":"b1x1"},
             {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"limit","px":"39000","sz":"0.15","clOrdId":"b1x2"}]
            """);
        var (_, cancel) = await _client.PostAsync("/api/v5/trade/cancel-batch-orders", """[{"instId":"BTC-USDT-SWAP","clOrdId":"b1x1"}]""");

        Assert.Equal("2", (string?)body["code"]);
        Assert.Equal(["0", "51121"], body["data"]!.AsArray().Select(i => (string?)i!["sCode"]));
        Assert.Equal("0", (string?)cancel["data"]![0]!["sCode"]);
    }

    [Fact]
    public async Task Amend_moves_a_resting_order_in_place()
    {
        await _client.PostAsync("/api/v5/trade/order", """{"instId":"BTC-USDT","tdMode":"cash","side":"buy","ordType":"limit","px":"30000","sz":"0.01","clOrdId":"am1"}""");

        var (_, amend) = await _client.PostAsync("/api/v5/trade/amend-order", """{"instId":"BTC-USDT","clOrdId":"am1","newPx":"31000","newSz":"0.02","reqId":"r1"}""");
        var (_, order) = await _client.GetAsync("/api/v5/trade/order?instId=BTC-USDT&clOrdId=am1");

        Assert.Equal(("0", "r1"), ((string?)amend["data"]![0]!["sCode"], (string?)amend["data"]![0]!["reqId"]));
        Assert.Equal(("31000", "0.02", "live"), ((string?)order["data"]![0]!["px"], (string?)order["data"]![0]!["sz"], (string?)order["data"]![0]!["state"]));
    }

    [Fact]
    public async Task Close_position_closes_the_whole_side_at_market()
    {
        await _client.PostAsync("/api/v5/trade/order", """{"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"sell","posSide":"short","ordType":"market","sz":"3","clOrdId":"cp1"}""");

        var (_, closed) = await _client.PostAsync("/api/v5/trade/close-position", """{"instId":"BTC-USDT-SWAP","posSide":"short","mgnMode":"isolated","clOrdId":"cp2"}""");
        var (_, again) = await _client.PostAsync("/api/v5/trade/close-position", """{"instId":"BTC-USDT-SWAP","posSide":"short","mgnMode":"isolated"}""");
        var (_, positions) = await _client.GetAsync("/api/v5/account/positions?instType=SWAP");

        Assert.Equal(("0", "cp2"), ((string?)closed["code"], (string?)closed["data"]![0]!["clOrdId"]));
        Assert.Equal("51023", (string?)again["code"]);
        Assert.Empty(positions["data"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=shape1", "GET_trade_order.json")]
    [InlineData("/api/v5/trade/orders-history?instType=SWAP", "GET_trade_orders-history.json")]
    [InlineData("/api/v5/trade/fills", "GET_trade_fills.json")]
    [InlineData("/api/v5/account/positions", "GET_account_positions.json")]
    [InlineData("/api/v5/account/balance", "GET_account_balance.json")]
    [InlineData("/api/v5/account/config", "GET_account_config.json")]
    [InlineData("/api/v5/market/ticker?instId=BTC-USDT", "GET_market_ticker.json")]
    public async Task Answers_have_the_recorded_OKX_shape_field_for_field(string pathAndQuery, string recordedFile)
    {
        await _client.PostAsync("/api/v5/trade/order",
            """{"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"shape1"}""");

        var (_, body) = await _client.GetAsync(pathAndQuery);

        var recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ExchangeSim", "Recorded", recordedFile)))!.AsObject();
        Assert.Equal("0", (string?)body["code"]);
        AssertSameShape(recorded["data"]![0]!.AsObject(), body["data"]![0]!.AsObject(), recordedFile);
        if (recordedFile == "GET_account_balance.json")
            AssertSameShape(recorded["data"]![0]!["details"]![0]!.AsObject(), body["data"]![0]!["details"]![0]!.AsObject(), "details");
    }

    [Fact]
    public async Task Instruments_and_candles_have_the_recorded_shape_and_candles_come_newest_first()
    {
        var (_, instruments) = await _client.GetAsync("/api/v5/public/instruments?instType=SWAP", signed: false);
        var (_, candles) = await _client.GetAsync("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=15m&limit=5", signed: false);
        var (_, hourly) = await _client.GetAsync("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1H&limit=2", signed: false);
        var (_, minute) = await _client.GetAsync("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1m", signed: false);

        var recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ExchangeSim", "Recorded", "GET_public_instruments_BTC-USDT-SWAP_entry.json")))!.AsObject();
        AssertSameShape(recorded, instruments["data"]![0]!.AsObject(), "instrument");
        Assert.Equal(("0.01", "0.1", "0.1"), ((string?)instruments["data"]![0]!["ctVal"], (string?)instruments["data"]![0]!["lotSz"], (string?)instruments["data"]![0]!["tickSz"]));
        var rows = candles["data"]!.AsArray().Select(r => r!.AsArray()).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(9, r.Count));
        var times = rows.Select(r => long.Parse((string)r[0]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal(3_600_000, long.Parse((string)hourly["data"]![0]![0]!, System.Globalization.CultureInfo.InvariantCulture)
            - long.Parse((string)hourly["data"]![1]![0]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("51000", (string?)minute["code"]);   // finer than the replayed file: refused, not invented
    }

    [Fact]
    public async Task Past_an_endpoints_rate_limit_the_answer_is_429_with_50011()
    {
        var codes = new List<string?>();
        for (var i = 0; i < 8; i++)
            codes.Add((string?)(await _client.GetAsync("/api/v5/account/config")).Body["code"]);

        Assert.Equal("0", codes[0]);
        Assert.Contains("50011", codes);   // OKX: 5 requests per 2 seconds
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_server()
    {
        await _client.PostAsync("/api/v5/trade/order", """{"instId":"BTC-USDT","tdMode":"cash","side":"buy","ordType":"market","sz":"0.01","tgtCcy":"base_ccy","clOrdId":"dur1"}""");
        var dataDir = _kit.DataDir;
        await _kit.DisposeAsync();

        _kit = await SimServerKit.StartAsync(dataDir);
        using var client = new SimRawClient(_kit.BaseUrl);
        var (_, order) = await client.GetAsync("/api/v5/trade/order?instId=BTC-USDT&clOrdId=dur1");
        var (_, balance) = await client.GetAsync("/api/v5/account/balance?ccy=BTC");

        Assert.Equal("filled", (string?)order["data"]![0]!["state"]);
        Assert.Equal("0.01", (string?)balance["data"]![0]!["details"]![0]!["cashBal"]);
    }

    /// <summary>The JSON kind, true and false being one kind (a boolean).</summary>
    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "Boolean",
        var kind => kind?.ToString() ?? "null",
    };

    private static void AssertSameShape(JsonObject recorded, JsonObject answered, string what)
    {
        var missing = recorded.Select(p => p.Key).Except(answered.Select(p => p.Key)).ToList();
        Assert.True(missing.Count == 0, $"{what}: exchange-sim leaves out {string.Join(", ", missing)}");
        foreach (var (key, value) in recorded)
            Assert.True(Kind(value) == Kind(answered[key]), $"{what}.{key}: recorded {Kind(value)}, answered {Kind(answered[key])}");
    }
}
