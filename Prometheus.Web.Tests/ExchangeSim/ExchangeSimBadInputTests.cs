using System.Text;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// Hostile REST input gets OKX's answer (51000 "Parameter {name} error", 50002, 50014, 413) and changes nothing: lone
/// surrogates, numbers past decimal's range or in exponent form, huge bodies, JSON of the wrong kind or type.
/// </summary>
public sealed class ExchangeSimBadInputTests : SimServerTests
{
    private const string Swap = """ "instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long" """;

    public static TheoryData<string, string, string> BadOrders => new()
    {
        // body, the envelope's code, the item's sCode ("" when the envelope refuses the whole request)
        { Item(""" "ordType":"market","sz":"1","clOrdId":"a\ud800b" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"1","clOrdId":"ok1","tag":"\udc00" """), "1", "51000" },
        { Item(""" "\ud800":"x","ordType":"market","sz":"1","clOrdId":"ok2" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"99999999999999999999999999999999999","clOrdId":"big1" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"79228162514264337593543950335","clOrdId":"big2" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"1e3","clOrdId":"exp1" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":1E+3,"clOrdId":"exp2" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"NaN","clOrdId":"nan1" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"Infinity","clOrdId":"inf1" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":" 1","clOrdId":"sp1" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"0x10","clOrdId":"hex1" """), "1", "51000" },
        { Item(""" "ordType":"limit","sz":"1","px":"1e30","clOrdId":"px1" """), "1", "51000" },
        { Item(""" "ordType":"limit","sz":"1","px":"79228162514264337593543950335","clOrdId":"px2" """), "1", "51000" },
        { Item(""" "ordType":"limit","sz":"1000000000","px":"1000000000","clOrdId":"px3" """), "1", "51008" },
        { Item(""" "ordType":"market","sz":{"v":1},"clOrdId":"obj1" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":["1"],"clOrdId":"arr1" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"1","clOrdId":"algo1","attachAlgoOrds":{"slTriggerPx":"1"} """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"1","clOrdId":"algo2","attachAlgoOrds":[{"slTriggerPx":"1e99"}] """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"1","clOrdId":"algo3","attachAlgoOrds":[{"slTriggerPx":["1"]}] """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"1","clOrdId":"ro1","reduceOnly":"maybe" """), "1", "51000" },
        { Item(""" "ordType":"market","sz":"1","clOrdId":"nul1","posSide":null """), "1", "51000" },
        { """[{"instId":"BTC-USDT-SWAP"}]""", "50002", "" },
        { "\"order\"", "50002", "" },
        { "42", "50002", "" },
        { "null", "50002", "" },
        { "", "50002", "" },
        { "{", "50002", "" },
        { new string('[', 100) + new string(']', 100), "50002", "" },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task A_bad_order_is_answered_with_OKXs_code_and_places_nothing(string body, string code, string sCode)
    {
        using var client = new SimRawClient(Kit.BaseUrl);
        var before = await SimStateCheck.SnapshotAsync(client);

        var (status, answer) = await client.PostAsync("/api/v5/trade/order", body);

        Assert.Equal((200, code), (status, (string?)answer["code"]));
        if (sCode.Length > 0)
            Assert.Equal(sCode, (string?)answer["data"]![0]!["sCode"]);
        Assert.DoesNotContain("Exception", answer.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await SimStateCheck.SnapshotAsync(client));
        Assert.Empty(Kit.Server.Algos.All);
        Assert.Equal(0, Kit.Server.UnexpectedFailures);
    }

    [Theory]
    [InlineData("/api/v5/trade/cancel-order", """{"instId":"\ud800","ordId":"1"}""", "1")]
    [InlineData("/api/v5/trade/amend-order", """{"instId":"BTC-USDT-SWAP","ordId":"1","newSz":"1e5"}""", "1")]
    [InlineData("/api/v5/trade/amend-order", """{"instId":"BTC-USDT-SWAP","ordId":"1","newPx":"99999999999999999999999999999999"}""", "1")]
    [InlineData("/api/v5/trade/batch-orders", """{"instId":"BTC-USDT-SWAP"}""", "50002")]
    [InlineData("/api/v5/trade/batch-orders", "[]", "51000")]
    [InlineData("/api/v5/trade/cancel-batch-orders", "[1,2,3]", "1")]
    [InlineData("/api/v5/trade/close-position", """{"instId":"BTC-USDT-SWAP","mgnMode":"isolated","posSide":"\ud800"}""", "51000")]
    [InlineData("/api/v5/trade/close-position", "[]", "50002")]
    [InlineData("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"isolated","lever":"1e1"}""", "51000")]
    [InlineData("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"crossed","lever":"5"}""", "51000")]
    [InlineData("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"cross","lever":"0.5"}""", "51000")]
    [InlineData("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"isolated","lever":"99999999999999999999999999999999"}""", "51000")]
    [InlineData("/api/v5/account/set-leverage", """{"instId":"BTC-USDT-SWAP","mgnMode":"isolated","lever":{"x":5}}""", "51000")]
    [InlineData("/api/v5/account/set-position-mode", """{"posMode":"\udfff"}""", "51000")]
    [InlineData("/api/v5/account/set-position-mode", "true", "50002")]
    public async Task Bad_input_to_any_write_endpoint_is_answered_with_OKXs_code_and_changes_nothing(string path, string body, string code)
    {
        using var client = new SimRawClient(Kit.BaseUrl);
        var before = await SimStateCheck.SnapshotAsync(client);

        var (status, answer) = await client.PostAsync(path, body);

        Assert.Equal((200, code), (status, (string?)answer["code"]));
        Assert.Equal(before, await SimStateCheck.SnapshotAsync(client));
        Assert.Equal(0, Kit.Server.UnexpectedFailures);
    }

    [Theory]
    [InlineData("/api/v5/market/candles?instId=BTC-USDT&bar=15m&after=1e5", "51000")]
    [InlineData("/api/v5/market/candles?instId=BTC-USDT&bar=15m&limit=99999999999999999999", "51000")]
    [InlineData("/api/v5/market/candles?instId=%ED%A0%80&bar=15m", "51001")]
    [InlineData("/api/v5/market/candles?instId=BTC-USDT&bar=%F0%9F%98%80", "51000")]
    [InlineData("/api/v5/market/mark-price-candles?instId=BTC-USDT-SWAP&bar=15m&before=1.5", "51000")]
    [InlineData("/api/v5/market/history-mark-price-candles?instId=BTC-USDT-SWAP&bar=%00", "51000")]
    [InlineData("/api/v5/market/history-candles?instId=BTC-USDT-SWAP&bar=3m", "51000")]
    [InlineData("/api/v5/public/funding-rate?instId=%F0%9F%98%80", "51001")]
    [InlineData("/api/v5/trade/orders-history?instType=SWAP&before=-5", "51000")]
    [InlineData("/api/v5/trade/fills?limit=NaN", "51000")]
    [InlineData("/api/v5/trade/orders-pending?begin=99999999999999999999999", "51000")]
    [InlineData("/api/v5/trade/order?instId=BTC-USDT&ordId=%00", "51603")]
    public async Task Bad_query_parameters_get_OKXs_code(string pathAndQuery, string code)
    {
        using var client = new SimRawClient(Kit.BaseUrl);

        var (status, answer) = await client.GetAsync(pathAndQuery);

        Assert.Equal((200, code), (status, (string?)answer["code"]));
    }

    [Theory]
    [InlineData(64 * 1024 + 1, 64 * 1024 + 1, false)]
    [InlineData(200 * 1024, 31 * 1024 * 1024, false)]
    [InlineData(200 * 1024, 0, true)]
    public async Task A_body_over_64_KB_is_refused_with_413_and_changes_nothing(int sent, int declared, bool chunked)
    {
        using var client = new SimRawClient(Kit.BaseUrl);
        var before = await SimStateCheck.SnapshotAsync(client);
        var order = Item(""" "ordType":"market","sz":"1","clOrdId":"huge1" """);
        var body = Encoding.UTF8.GetBytes(order + new string(' ', sent - order.Length));

        var (status, answer) = await SimRawHttp.SendAsync(Kit.BaseUrl, "POST", "/api/v5/trade/order", body,
            chunked ? SimRawHttp.BodyFraming.Chunked : SimRawHttp.BodyFraming.ContentLength, chunked ? null : declared);

        Assert.Equal((413, "51000"), (status, (string?)answer!["code"]));
        Assert.Equal(before, await SimStateCheck.SnapshotAsync(client));
    }

    [Fact]
    public async Task A_failure_inside_is_answered_50026_in_OKXs_envelope_without_the_exception()
    {
        using var client = new SimRawClient(Kit.BaseUrl);
        Kit.Server.Dispose();   // its store closed under it: every operation on the exchange now throws

        var (status, text) = await client.SendTextAsync(HttpMethod.Get, "/api/v5/account/balance", "", signed: true);

        Assert.Equal(500, status);
        Assert.Equal("""{"code":"50026","data":[],"msg":"System error. Try again later."}""", text);
        Assert.Equal(1, Kit.Server.UnexpectedFailures);
    }

    [Fact]
    public async Task A_body_of_64_KB_is_read()
    {
        using var client = new SimRawClient(Kit.BaseUrl);
        var order = Item(""" "ordType":"market","sz":"1","clOrdId":"big64" """);

        var (status, answer) = await client.PostAsync("/api/v5/trade/order", order + new string(' ', 64 * 1024 - order.Length));

        Assert.Equal((200, "0"), (status, (string?)answer["code"]));
    }

    /// <summary>An order item on the swap, long: its instrument and modes, then <paramref name="rest"/>.</summary>
    private static string Item(string rest) => "{" + Swap + "," + rest + "}";
}
