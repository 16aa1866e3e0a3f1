using System.Globalization;
using System.Text.Json.Nodes;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// The recorded series beside the replay: a finer candle file (Prometheus:Sim:FinerSeries) serving 1m/3m/5m where it
/// covers the replayed time, never past the replay, and OKX's recorded mark prices (Prometheus:Sim:MarkSeries) serving
/// mark price candles where they cover. The kit replays 300 15m bars from 2024-01-01 00:00 (a lap of 75 hours); the clock
/// stands at 2024-01-02 12:00 of a chosen lap, so the replay has passed 11:45 of that day.
/// </summary>
public sealed class ExchangeSimRecordedSeriesTests
{
    private const long Minute = 60_000L, Quarter = 15 * Minute, Hour = 60 * Minute, Lap = 300 * Quarter;
    private static readonly long Day2 = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    /// <summary>The finer file: one minute bars of 2024-01-02 06:00 .. 13:59.</summary>
    private static readonly long FinerFirst = Day2 + 6 * Hour;
    private const int FinerMinutes = 8 * 60;
    /// <summary>The mark file: hours of 2024-01-01 00:00 .. 2024-01-02 09:00.</summary>
    private const int MarkHours = 34;

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task One_minute_candles_come_from_the_configured_finer_series_and_never_from_the_future(int lap)
    {
        await using var kit = await StartAsync(lap, finer: true, mark: false);
        using var client = new SimRawClient(kit.BaseUrl);
        var replayedUntil = kit.Server.Market.ReplayedUntil;

        var rows = await CandlesAsync(client, "candles?instId=BTC-USDT-SWAP&bar=1m&limit=5");
        kit.Server.NextBar();
        var afterOneBar = await CandlesAsync(client, "history-candles?instId=BTC-USDT-SWAP&bar=1m&limit=1");

        Assert.Equal(Day2 + 11 * Hour + 45 * Minute + lap * Lap, replayedUntil);
        Assert.Equal(5, rows.Count);
        for (var i = 0; i < 5; i++)
            Assert.Equal(Minutes(replayedUntil - (i + 1) * Minute, lap, 1), Prices(rows[i]));
        Assert.Equal(Minutes(replayedUntil + Quarter - Minute, lap, 1), Prices(afterOneBar[0]));
    }

    [Fact]
    public async Task Three_minute_candles_aggregate_the_one_minute_series()
    {
        await using var kit = await StartAsync(lap: 0, finer: true, mark: false);
        using var client = new SimRawClient(kit.BaseUrl);
        var replayedUntil = kit.Server.Market.ReplayedUntil;

        var three = await CandlesAsync(client, "candles?instId=BTC-USDT-SWAP&bar=3m&limit=2");
        var five = await CandlesAsync(client, $"candles?instId=BTC-USDT-SWAP&bar=5m&limit=1&after={replayedUntil - 5 * Minute}");

        Assert.Equal(Minutes(replayedUntil - 3 * Minute, 0, 3), Prices(three[0]));
        Assert.Equal(Minutes(replayedUntil - 6 * Minute, 0, 3), Prices(three[1]));
        Assert.Equal(Str(Enumerable.Range(0, 3).Sum(i => Volume(replayedUntil - 3 * Minute + i * Minute))), (string?)three[0][6]);
        Assert.Equal(Minutes(replayedUntil - 10 * Minute, 0, 5), Prices(five[0]));
    }

    [Fact]
    public async Task A_bar_finer_than_the_data_is_refused_saying_why_where_the_finer_series_does_not_cover()
    {
        await using var kit = await StartAsync(lap: 0, finer: true, mark: false);
        using var client = new SimRawClient(kit.BaseUrl);

        var (status, body) = await client.GetAsync($"/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1m&after={FinerFirst}", signed: false);
        var (_, covered) = await client.GetAsync($"/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1m&after={FinerFirst + Minute}", signed: false);
        var (_, markFiner) = await client.GetAsync("/api/v5/market/mark-price-candles?instId=BTC-USDT-SWAP&bar=1m", signed: false);

        Assert.Equal((200, "51000"), (status, (string?)body["code"]));
        Assert.Contains("1m is finer than the 15m candles", (string?)body["msg"], StringComparison.Ordinal);
        Assert.Contains("does not cover the time asked for", (string?)body["msg"], StringComparison.Ordinal);
        Assert.Contains("covers 2024-01-02 06:00 UTC .. 2024-01-02 14:00 UTC", (string?)body["msg"], StringComparison.Ordinal);
        Assert.Empty(body["data"]!.AsArray());
        Assert.Equal(Str(FinerFirst), (string?)covered["data"]![0]![0]);
        Assert.Equal("51000", (string?)markFiner["code"]);
    }

    [Fact]
    public async Task A_one_minute_candle_channel_pushes_the_minutes_each_replayed_bar_completes()
    {
        await using var kit = await StartAsync(lap: 0, finer: true, mark: false);
        var replayedUntil = kit.Server.Market.ReplayedUntil;
        await using var socket = await SimWsClient.ConnectAsync(kit.WsUrl("business"));
        await socket.SendAsync("""{"op":"subscribe","args":[{"channel":"candle1m","instId":"BTC-USDT-SWAP"}]}""");
        await socket.ExpectAsync(m => (string?)m["event"] == "subscribe");

        kit.Server.NextBar();
        var pushed = new List<JsonArray>();
        while (pushed.Count < 15)
            pushed.Add((await socket.ExpectAsync(m => m["data"] is not null))["data"]![0]!.AsArray());

        for (var i = 0; i < 15; i++)
            Assert.Equal(Minutes(replayedUntil + i * Minute, 0, 1), Prices(pushed[i]));
    }

    [Fact]
    public async Task A_finer_series_serves_neither_times_the_replay_never_plays_nor_its_zero_volume_flat_bars()
    {
        var folder = TempFolder.Create();
        var first = Day2 - 25 * Hour;   // 2023-12-31 23:00: the replayed file begins an hour later
        var hole = new[] { Day2 + 11 * Hour + 5 * Minute, Day2 + 11 * Hour + 10 * Minute };
        var finer = Write(Path.Combine(folder, "finer-5m.csv"), Enumerable.Range(0, (int)((Day2 + 12 * Hour - first) / (5 * Minute))).Select(i =>
        {
            var ts = first + i * 5 * Minute;
            return hole.Contains(ts) ? $"{ts},42000,42000,42000,42000,0" : $"{ts},42000,42010,41990,42005,3";
        }));
        var clock = new ShiftedClock(DateTimeOffset.FromUnixTimeMilliseconds(Day2 + 12 * Hour));
        await using var kit = await SimServerKit.StartAsync(folder, new() { ["Prometheus:Sim:FinerSeries"] = finer }, clock);
        using var client = new SimRawClient(kit.BaseUrl);

        var rows = await CandlesAsync(client, $"candles?instId=BTC-USDT-SWAP&bar=5m&limit=4&after={Day2 + 11 * Hour + 20 * Minute}");
        var (_, beforeReplay) = await client.GetAsync($"/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=5m&after={Day2 - 24 * Hour}", signed: false);

        Assert.Equal([Day2 + 11 * Hour + 15 * Minute, Day2 + 11 * Hour, Day2 + 10 * Hour + 55 * Minute],
            rows.Select(r => long.Parse((string)r[0]!, CultureInfo.InvariantCulture)));
        Assert.Equal("51000", (string?)beforeReplay["code"]);
        Assert.Contains("does not cover the time asked for", (string?)beforeReplay["msg"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mark_price_candles_come_from_the_recorded_mark_series_where_it_covers()
    {
        await using var kit = await StartAsync(lap: 0, finer: false, mark: true);
        using var client = new SimRawClient(kit.BaseUrl);
        var traded = await CandlesAsync(client, "candles?instId=BTC-USDT-SWAP&bar=1H&limit=4");

        var hours = await CandlesAsync(client, "mark-price-candles?instId=BTC-USDT-SWAP&bar=1H&limit=4");
        var fourHours = await CandlesAsync(client, "history-mark-price-candles?instId=BTC-USDT-SWAP&bar=4H&limit=3");
        var spot = await CandlesAsync(client, "mark-price-candles?instId=BTC-USDT&bar=1H&limit=3");

        // 11:00 is partly replayed and 10:00 not recorded: the replayed prices; 09:00 and 08:00 recorded.
        Assert.Equal(Prices(traded[0])[..5], Mark(hours[0])[..5]);
        Assert.Equal("0", (string?)hours[0][5]);
        Assert.Equal(Prices(traded[1])[..5], Mark(hours[1])[..5]);
        Assert.Equal(MarkHoursRow(Day2 + 9 * Hour, 1), Mark(hours[2]));
        Assert.Equal(MarkHoursRow(Day2 + 8 * Hour, 1), Mark(hours[3]));
        // 4H: 08:00 holds unrecorded hours (replayed prices); 04:00 and 00:00 are four recorded hours each.
        Assert.NotEqual(MarkHoursRow(Day2 + 8 * Hour, 4)[1], (string?)fourHours[0][1]);
        Assert.Equal(MarkHoursRow(Day2 + 4 * Hour, 4), Mark(fourHours[1]));
        Assert.Equal(MarkHoursRow(Day2, 4), Mark(fourHours[2]));
        Assert.Equal(Prices(traded[2])[..5], Mark(spot[2])[..5]);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, true)]
    public async Task Recorded_mark_hours_serve_only_in_laps_that_lay_them_on_the_hour(int lap, bool recorded)
    {
        // 299 replayed bars: a lap of 74 h 45 min, so lap 1 lays the recorded hours at :45 and lap 4 (299 h) on the hour.
        var folder = TempFolder.Create();
        var lapMs = 299 * Quarter;
        var replayed = Write(Path.Combine(folder, "base-15m.csv"), Enumerable.Range(0, 299).Select(i =>
            $"{Day2 - 24 * Hour + i * Quarter},{40_000 + i},{40_010 + i},{39_990 + i},{40_005 + i},2"));
        var extra = new Dictionary<string, string?> { ["Prometheus:Sim:Data"] = replayed, ["Prometheus:Sim:MarkSeries"] = MarkFile(folder) };
        var clock = new ShiftedClock(DateTimeOffset.FromUnixTimeMilliseconds(Day2 + 12 * Hour + lap * lapMs));
        await using var kit = await SimServerKit.StartAsync(folder, extra, clock);
        using var client = new SimRawClient(kit.BaseUrl);

        var traded = await CandlesAsync(client, "candles?instId=BTC-USDT-SWAP&bar=1H&limit=4");
        var marks = await CandlesAsync(client, "mark-price-candles?instId=BTC-USDT-SWAP&bar=1H&limit=4");

        if (recorded)
            Assert.Equal(MarkHoursRow(Day2 + 9 * Hour, 1, shift: lap * lapMs), Mark(marks[2]));
        else
            Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(Prices(traded[i])[..5], Mark(marks[i])[..5]));
    }

    private static async Task<SimServerKit> StartAsync(int lap, bool finer, bool mark)
    {
        var folder = TempFolder.Create();
        var extra = new Dictionary<string, string?>
        {
            ["Prometheus:Sim:FinerSeries"] = finer ? FinerFile(folder) : "",
            ["Prometheus:Sim:MarkSeries"] = mark ? MarkFile(folder) : "",
        };
        var clock = new ShiftedClock(DateTimeOffset.FromUnixTimeMilliseconds(Day2 + 12 * Hour + lap * Lap));
        return await SimServerKit.StartAsync(folder, extra, clock);
    }

    /// <summary>Minute m of the finer file (0 = 06:00): open 41,000 + m, high open + 3, low open − 2, close open + 1, volume 1..5.</summary>
    private static string FinerFile(string folder) =>
        Write(Path.Combine(folder, "finer-1m.csv"), Enumerable.Range(0, FinerMinutes).Select(m =>
        {
            var ts = FinerFirst + m * Minute;
            return $"{ts},{Open(ts)},{Open(ts) + 3},{Open(ts) - 2},{Open(ts) + 1},{Volume(ts)}";
        }));

    /// <summary>Hour h of the mark file (0 = 2024-01-01 00:00): open 30,000 + 10h, high open + 7, low open − 4, close open + 5, no volume.</summary>
    private static string MarkFile(string folder) =>
        Write(Path.Combine(folder, "mark-1h.csv"), Enumerable.Range(0, MarkHours).Select(h =>
        {
            var open = 30_000 + 10 * h;
            return $"{Day2 - 24 * Hour + h * Hour},{open},{open + 7},{open - 4},{open + 5},";
        }));

    private static string Write(string path, IEnumerable<string> rows)
    {
        File.WriteAllLines(path, ["ts,open,high,low,close,volume", .. rows]);
        return path;
    }

    private static decimal Open(long fileTs) => 41_000m + (fileTs - FinerFirst) / Minute;

    private static decimal Volume(long fileTs) => 1m + (fileTs - FinerFirst) / Minute % 5;

    /// <summary>The candle of <paramref name="count"/> file minutes from the one at replay time <paramref name="ts"/> of lap <paramref name="lap"/>.</summary>
    private static string[] Minutes(long ts, int lap, int count)
    {
        var file = ts - lap * Lap;
        var highs = Enumerable.Range(0, count).Select(i => Open(file + i * Minute) + 3);
        var lows = Enumerable.Range(0, count).Select(i => Open(file + i * Minute) - 2);
        return [Str(ts), Str(Open(file)), Str(highs.Max()), Str(lows.Min()), Str(Open(file + (count - 1) * Minute) + 1), "1"];
    }

    /// <summary>The recorded mark candle of <paramref name="count"/> hours from file time <paramref name="ts"/>, confirmed, <paramref name="shift"/> later: [ts, o, h, l, c, confirm].</summary>
    private static string[] MarkHoursRow(long ts, int count, long shift = 0)
    {
        var h = (ts - (Day2 - 24 * Hour)) / Hour;
        var open = 30_000 + 10 * h;
        var lastOpen = open + 10 * (count - 1);
        return [Str(ts + shift), Str(open), Str(lastOpen + 7), Str(open - 4), Str(lastOpen + 5), "1"];
    }

    private static async Task<List<JsonArray>> CandlesAsync(SimRawClient client, string path)
    {
        var (_, body) = await client.GetAsync("/api/v5/market/" + path, signed: false);
        Assert.True((string?)body["code"] == "0", body.ToJsonString());
        return [.. body["data"]!.AsArray().Select(r => r!.AsArray())];
    }

    private static string[] Prices(JsonArray row) =>
        [(string)row[0]!, (string)row[1]!, (string)row[2]!, (string)row[3]!, (string)row[4]!, (string)row[8]!];

    /// <summary>A mark price candle: [ts, o, h, l, c, confirm].</summary>
    private static string[] Mark(JsonArray row) => [.. row.Select(v => (string)v!)];

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Str(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
