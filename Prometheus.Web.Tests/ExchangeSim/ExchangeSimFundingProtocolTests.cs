using System.Globalization;
using System.Text.Json.Nodes;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// exchange-sim's funding endpoints as any OKX client sees them: GET /api/v5/account/bills (signed; funding is type 8,
/// subType 173 or 174; newest first; OKX's cursors and filters; 51000 for a parameter OKX would refuse) and GET
/// /api/v5/public/funding-rate-history (the shipped OKX rates, the default rate elsewhere).
/// </summary>
public sealed class ExchangeSimFundingProtocolTests : IAsyncLifetime
{
    private const string Swap = "BTC-USDT-SWAP";
    /// <summary>2025-10-16 00:00 UTC, a funding time with a recorded (negative) rate.</summary>
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeMilliseconds(1_760_572_800_000);
    private readonly ShiftedClock _clock = new(T.AddMinutes(-30));
    private SimServerKit _kit = null!;
    private SimRawClient _client = null!;

    /// <summary>A long of 3 and a short of 2 over T and T + 8 h: bills 1 (long) and 2 (short) at T, 3 and 4 at T + 8 h.</summary>
    public async Task InitializeAsync()
    {
        _kit = await SimServerKit.StartAsync(time: _clock);
        _client = new SimRawClient(_kit.BaseUrl) { Now = _clock.GetUtcNow };
        _kit.Server.PushBar(Bar(40_000m));
        _kit.Server.Run(e => e.ManualOrder(Swap, OrderSide.Buy, PositionSide.Long, 3m));
        _kit.Server.Run(e => e.ManualOrder(Swap, OrderSide.Sell, PositionSide.Short, 2m));
        _clock.MoveTo(T.AddMinutes(1));
        _kit.Server.PushBar(Bar(41_000m));
        _clock.MoveTo(T.AddHours(8).AddMinutes(1));
        _kit.Server.PushBar(Bar(42_000m));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _kit.DisposeAsync();
    }

    private static Candle Bar(decimal close) => new(0, close, close, close, close, 100m);

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private async Task<JsonArray> DataAsync(string pathAndQuery, bool signed = true)
    {
        var (status, body) = await _client.GetAsync(pathAndQuery, signed);
        Assert.Equal((200, "0"), (status, (string?)body["code"]));
        return body["data"]!.AsArray();
    }

    private async Task<List<string>> BillIdsAsync(string query) =>
        [.. (await DataAsync("/api/v5/account/bills" + query)).Select(b => (string)b!["billId"]!)];

    [Fact]
    public async Task Funding_bills_are_type_8_newest_first_with_OKXs_fields_as_strings_and_posSide()
    {
        var bills = await DataAsync("/api/v5/account/bills");

        Assert.Equal(["4", "3", "2", "1"], bills.Select(b => (string)b!["billId"]!));
        var rate = ShippedData.FundingRates(FundingRates.StandardDefaultRate).RateAt(Swap, Ms(T)).Rate;
        var first = bills[3]!.AsObject();
        Assert.Equal(("SWAP", Swap, "USDT", "isolated", "8", "174", "long"),
            ((string?)first["instType"], (string?)first["instId"], (string?)first["ccy"], (string?)first["mgnMode"], (string?)first["type"],
             (string?)first["subType"], (string?)first["posSide"]));          // the long receives a negative rate: income
        Assert.Equal(-decimal.Round(3m * 0.01m * 41_000m * rate, 12, MidpointRounding.AwayFromZero),
            decimal.Parse((string)first["balChg"]!, CultureInfo.InvariantCulture));
        Assert.Equal(("3", "41000", Ms(T).ToString(CultureInfo.InvariantCulture)), ((string?)first["sz"], (string?)first["px"], (string?)first["ts"]));
        Assert.Equal(("173", "short"), ((string?)bills[2]!["subType"], (string?)bills[2]!["posSide"]));
        Assert.Equal((string?)bills[0]!["bal"],
            (string?)(await DataAsync("/api/v5/account/balance"))[0]!["details"]![0]!["cashBal"]);   // the balance after the last bill
        Assert.All(bills, b => Assert.All(b!.AsObject(), field => Assert.Equal(System.Text.Json.JsonValueKind.String, field.Value!.GetValueKind())));
    }

    [Theory]
    [InlineData("?limit=2", "4,3")]
    [InlineData("?after=3", "2,1")]
    [InlineData("?before=2", "4,3")]
    [InlineData("?after=4&limit=1", "3")]
    [InlineData("?instType=SWAP&instId=BTC-USDT-SWAP&type=8&ccy=USDT", "4,3,2,1")]
    [InlineData("?subType=174", "3,1")]
    [InlineData("?subType=173", "4,2")]
    [InlineData("?begin=1760601600000", "4,3")]                 // from T + 8 h
    [InlineData("?end=1760572800000", "2,1")]                   // up to T
    [InlineData("?type=2", "")]                                 // a transfer: none here
    [InlineData("?instType=SPOT", "")]
    [InlineData("?ccy=BTC", "")]
    [InlineData("?limit=500", "4,3,2,1")]                       // more than 100 answers at most 100
    public async Task Bills_follow_OKXs_cursors_and_filters(string query, string expected)
    {
        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), await BillIdsAsync(query));
    }

    [Theory]
    [InlineData("?after=abc", "51000")]
    [InlineData("?before=-1", "51000")]
    [InlineData("?begin=1.5", "51000")]
    [InlineData("?limit=0", "51000")]
    [InlineData("?limit=ten", "51000")]
    [InlineData("?type=funding", "51000")]
    [InlineData("?instType=PERP", "51000")]
    [InlineData("?instId=DOGE-USDT-SWAP", "51001")]
    public async Task A_bad_bills_parameter_is_refused_as_OKX_does(string query, string code)
    {
        var (status, body) = await _client.GetAsync("/api/v5/account/bills" + query);

        Assert.Equal((200, code), (status, (string?)body["code"]));
        Assert.Empty(body["data"]!.AsArray());
    }

    [Fact]
    public async Task Bills_are_private()
    {
        var (status, body) = await _client.GetAsync("/api/v5/account/bills", signed: false);

        Assert.Equal(401, status);
        Assert.NotEqual("0", (string?)body["code"]);
    }

    [Fact]
    public async Task Bills_without_posSide_are_what_real_OKX_writes()
    {
        _kit.Server.Faults.BillsWithoutPosSide = true;

        var bills = await DataAsync("/api/v5/account/bills");

        Assert.All(bills, b => Assert.Equal("", (string?)b!["posSide"]));
    }

    [Fact]
    public async Task The_funding_rate_history_is_newest_first_from_the_last_settled_funding_time()
    {
        var rates = ShippedData.FundingRates(FundingRates.StandardDefaultRate);

        var history = await DataAsync($"/api/v5/public/funding-rate-history?instId={Swap}&limit=3", signed: false);

        Assert.Equal([Ms(T.AddHours(8)), Ms(T), Ms(T.AddHours(-8))], history.Select(h => long.Parse((string)h!["fundingTime"]!, CultureInfo.InvariantCulture)));
        Assert.All(history, h => Assert.Equal(
            rates.RateAt(Swap, long.Parse((string)h!["fundingTime"]!, CultureInfo.InvariantCulture)).Rate,
            decimal.Parse((string)h!["realizedRate"]!, CultureInfo.InvariantCulture)));
        Assert.Equal((string?)history[1]!["fundingRate"], (string?)history[1]!["realizedRate"]);
        Assert.Equal(("SWAP", Swap), ((string?)history[0]!["instType"], (string?)history[0]!["instId"]));
    }

    [Theory]
    [InlineData("&after=1760572800000&limit=2", "1760544000000,1760515200000")]   // older than T
    [InlineData("&before=1760544000000", "1760601600000,1760572800000")]          // newer than T − 8 h
    public async Task The_funding_rate_history_pages_with_OKXs_cursors(string query, string expected)
    {
        var history = await DataAsync($"/api/v5/public/funding-rate-history?instId={Swap}{query}", signed: false);

        Assert.Equal(expected.Split(','), history.Select(h => (string)h!["fundingTime"]!));
    }

    [Theory]
    [InlineData("", "50014")]
    [InlineData("?instId=BTC-USDT", "51001")]
    [InlineData("?instId=BTC-USDT-SWAP&after=soon", "51000")]
    [InlineData("?instId=BTC-USDT-SWAP&limit=-3", "51000")]
    public async Task A_bad_funding_rate_history_request_is_refused_as_OKX_does(string query, string code)
    {
        var (_, body) = await _client.GetAsync("/api/v5/public/funding-rate-history" + query, signed: false);

        Assert.Equal(code, (string?)body["code"]);
    }
}
