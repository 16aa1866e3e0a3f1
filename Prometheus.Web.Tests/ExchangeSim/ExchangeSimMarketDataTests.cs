using System.Globalization;
using System.Text.Json.Nodes;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// Candles at every OKX bar the replayed 15-minute series can honestly make (aligned as OKX aligns them, the forming one
/// unconfirmed and made only of replayed bars), mark price candles, and the current funding rate.
/// </summary>
public sealed class ExchangeSimMarketDataTests : IAsyncLifetime
{
    private const long Quarter = 900_000L, Hour = 3_600_000L, Day = 24 * Hour;
    private SimServerKit _kit = null!;
    private SimRawClient _client = null!;

    public async Task InitializeAsync()
    {
        _kit = await SimServerKit.StartAsync();
        _client = new SimRawClient(_kit.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _kit.DisposeAsync();
    }

    [Fact]
    public async Task Candles_at_one_hour_aggregate_the_fifteen_minute_series_aligned_to_utc()
    {
        var hour = NextUtcDay() + 5 * Hour;
        Push(hour, 100m, 110m, 95m, 105m, 1m);
        Push(hour + Quarter, 105m, 120m, 101m, 115m, 2m);
        Push(hour + 2 * Quarter, 115m, 116m, 90m, 100m, 3m);
        Push(hour + 3 * Quarter, 100m, 104m, 99m, 102m, 4m);
        Push(hour + Hour, 102m, 103m, 101m, 102.5m, 5m);

        var rows = await CandlesAsync("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1H&limit=2");

        Assert.Equal(Row(hour + Hour, 102m, 103m, 101m, 102.5m, confirm: "0"), Prices(rows[0]));
        Assert.Equal(Row(hour, 100m, 120m, 90m, 102m, confirm: "1"), Prices(rows[1]));
        Assert.Equal("10", (string?)rows[1][6]);   // volCcy: 1 + 2 + 3 + 4 BTC
    }

    [Fact]
    public async Task The_plain_one_day_bar_starts_at_midnight_hong_kong_time_and_1Dutc_at_midnight_utc()
    {
        var day = NextUtcDay();
        var hongKongMidnight = day + 16 * Hour;
        Push(hongKongMidnight - Quarter, 100m, 101m, 99m, 100m, 1m);
        Push(hongKongMidnight, 200m, 201m, 199m, 200m, 1m);

        var plain = await CandlesAsync("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1D&limit=1");
        var utc = await CandlesAsync("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1Dutc&limit=1");
        var fourHours = await CandlesAsync("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=4H&limit=1");

        Assert.Equal(Row(hongKongMidnight, 200m, 201m, 199m, 200m, confirm: "0"), Prices(plain[0]));
        Assert.Equal(day, Ts(utc[0]));
        Assert.Equal("200", (string?)utc[0][4]);
        Assert.Equal(hongKongMidnight, Ts(fourHours[0]));
    }

    [Fact]
    public async Task Every_okx_bar_from_fifteen_minutes_up_is_served_and_history_candles_too()
    {
        foreach (var bar in new[] { "15m", "30m", "1H", "2H", "4H", "6H", "12H", "1D", "6Hutc", "12Hutc", "1Dutc" })
        {
            foreach (var path in new[] { "candles", "history-candles" })
            {
                var (_, body) = await _client.GetAsync($"/api/v5/market/{path}?instId=BTC-USDT-SWAP&bar={bar}&limit=3", signed: false);
                Assert.True((string?)body["code"] == "0", $"{path} {bar}: {body}");
                Assert.NotEmpty(body["data"]!.AsArray());
            }
        }
    }

    [Theory]
    [InlineData("1m")]
    [InlineData("3m")]
    [InlineData("5m")]
    public async Task A_bar_finer_than_the_data_is_refused_with_51000_saying_why(string bar)
    {
        var (status, body) = await _client.GetAsync($"/api/v5/market/candles?instId=BTC-USDT-SWAP&bar={bar}", signed: false);

        Assert.Equal((200, "51000"), (status, (string?)body["code"]));
        Assert.Contains($"{bar} is finer than the 15m candles", (string?)body["msg"], StringComparison.Ordinal);
        Assert.Empty(body["data"]!.AsArray());
    }

    [Fact]
    public async Task The_forming_bar_never_includes_the_future_of_the_replay()
    {
        var hour = NextUtcDay() + 3 * Hour;
        Push(hour, 100m, 110m, 95m, 105m, 1m);
        Push(hour + Quarter, 105m, 106m, 104m, 105.5m, 2m);
        var replayedUntil = _kit.Server.Market.Last.TimestampMs + Quarter;

        var rows = await CandlesAsync("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1H&limit=1");
        var day = await CandlesAsync("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1Dutc&limit=1");

        Assert.Equal(Row(hour, 100m, 110m, 95m, 105.5m, confirm: "0"), Prices(rows[0]));
        Assert.Equal("3", (string?)rows[0][6]);
        Assert.Equal("0", (string?)day[0][8]);
        Assert.Equal("105.5", (string?)day[0][4]);   // the day closes, so far, at the last replayed bar
        Assert.Equal(replayedUntil, hour + 2 * Quarter);
    }

    [Fact]
    public async Task A_candle_channel_at_a_coarser_bar_pushes_the_forming_candle_unconfirmed_then_confirmed()
    {
        var hour = NextUtcDay() + 7 * Hour;
        Push(hour - Quarter, 90m, 91m, 89m, 90m, 1m);
        await using var socket = await SimWsClient.ConnectAsync(_kit.WsUrl("business"));
        await socket.SendAsync("""{"op":"subscribe","args":[{"channel":"candle1H","instId":"BTC-USDT-SWAP"}]}""");
        await socket.ExpectAsync(m => (string?)m["event"] == "subscribe");

        Push(hour, 100m, 110m, 95m, 105m, 1m);
        var forming = await socket.ExpectAsync(m => m["data"] is not null);
        Push(hour + Quarter, 105m, 106m, 104m, 105m, 1m);
        Push(hour + 2 * Quarter, 105m, 106m, 104m, 105m, 1m);
        Push(hour + 3 * Quarter, 105m, 107m, 104m, 106m, 1m);
        JsonObject last;
        do
            last = await socket.ExpectAsync(m => m["data"] is not null);
        while ((string?)last["data"]![0]![8] != "1");

        Assert.Equal(Row(hour, 100m, 110m, 95m, 105m, confirm: "0"), Prices(forming["data"]![0]!.AsArray()));
        Assert.Equal(Row(hour, 100m, 110m, 95m, 106m, confirm: "1"), Prices(last["data"]![0]!.AsArray()));
    }

    [Fact]
    public async Task Mark_price_candles_are_the_replayed_prices_in_okxs_six_field_shape()
    {
        var hour = NextUtcDay() + 9 * Hour;
        Push(hour, 100m, 110m, 95m, 105m, 1m);
        Push(hour + Quarter, 105m, 106m, 104m, 105.5m, 2m);

        var rows = await CandlesAsync("/api/v5/market/mark-price-candles?instId=BTC-USDT-SWAP&bar=1H&limit=1");
        var history = await CandlesAsync("/api/v5/market/history-mark-price-candles?instId=BTC-USDT-SWAP&bar=15m&limit=2");

        Assert.Equal(6, rows[0].Count);
        Assert.Equal([Str(hour), "100", "110", "95", "105.5", "0"], rows[0].Select(v => (string)v!).ToArray());
        Assert.Equal([Str(hour + Quarter), "105", "106", "104", "105.5", "1"], history[0].Select(v => (string)v!).ToArray());
    }

    [Fact]
    public async Task The_current_funding_rate_names_the_coming_settlement_and_the_one_after_it()
    {
        var (_, body) = await _client.GetAsync("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP", signed: false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var item = body["data"]![0]!;
        var fundingTime = long.Parse((string)item["fundingTime"]!, CultureInfo.InvariantCulture);
        Assert.Equal("0", (string?)body["code"]);
        Assert.Equal(("SWAP", "BTC-USDT-SWAP"), ((string?)item["instType"], (string?)item["instId"]));
        Assert.Equal(FundingRates.NextAfter(now), fundingTime);
        Assert.Equal(fundingTime + FundingRates.PeriodMs, long.Parse((string)item["nextFundingTime"]!, CultureInfo.InvariantCulture));
        Assert.Equal(_kit.Server.Funding.RateAt("BTC-USDT-SWAP", fundingTime).Rate,
            decimal.Parse((string)item["fundingRate"]!, CultureInfo.InvariantCulture));
        Assert.Equal(_kit.Server.Funding.RateAt("BTC-USDT-SWAP", fundingTime - FundingRates.PeriodMs).Rate,
            decimal.Parse((string)item["settFundingRate"]!, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("/api/v5/public/funding-rate", "50014")]
    [InlineData("/api/v5/public/funding-rate?instId=BTC-USDT", "51001")]
    [InlineData("/api/v5/public/funding-rate?instId=NOPE-SWAP", "51001")]
    [InlineData("/api/v5/market/mark-price-candles?instId=BTC-USDT-SWAP&bar=1m", "51000")]
    [InlineData("/api/v5/market/mark-price-candles?instId=BTC-USDT-SWAP&bar=15m&after=x", "51000")]
    [InlineData("/api/v5/market/mark-price-candles?instId=BTC-USDT-SWAP&bar=15m&limit=0", "51000")]
    [InlineData("/api/v5/market/history-mark-price-candles?bar=15m", "50014")]
    [InlineData("/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1w", "51000")]
    public async Task New_market_data_routes_refuse_bad_queries_with_okxs_codes(string path, string code)
    {
        var (status, body) = await _client.GetAsync(path, signed: false);

        Assert.Equal((200, code), (status, (string?)body["code"]));
        Assert.Empty(body["data"]!.AsArray());
    }

    /// <summary>00:00 UTC of a day after the replayed history, so pushed bars start fresh bars of every size.</summary>
    private long NextUtcDay() => (_kit.Server.Market.Last.TimestampMs / Day + 2) * Day;

    private void Push(long ts, decimal open, decimal high, decimal low, decimal close, decimal volume) =>
        _kit.Server.PushBar(new Candle(ts, open, high, low, close, volume));

    private async Task<List<JsonArray>> CandlesAsync(string path)
    {
        var (_, body) = await _client.GetAsync(path, signed: false);
        Assert.True((string?)body["code"] == "0", body.ToJsonString());
        return [.. body["data"]!.AsArray().Select(r => r!.AsArray())];
    }

    private static string[] Row(long ts, decimal open, decimal high, decimal low, decimal close, string confirm) =>
        [Str(ts), Str(open), Str(high), Str(low), Str(close), confirm];

    private static string[] Prices(JsonArray row) =>
        [(string)row[0]!, (string)row[1]!, (string)row[2]!, (string)row[3]!, (string)row[4]!, (string)row[8]!];

    private static long Ts(JsonArray row) => long.Parse((string)row[0]!, CultureInfo.InvariantCulture);

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Str(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
