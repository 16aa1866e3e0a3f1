using System.Globalization;
using System.Text.Json;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Exchange.Okx;

/// <summary>
/// Funding bills through the gateway: OKX's bills (type 8) read into <see cref="FundingBill"/>s, the side inferred
/// from the funding-rate history when a bill carries none (as real OKX bills do), the rate taken from that history or
/// from the amounts, paging by billId, and a malformed bill logged and skipped, never thrown.
/// </summary>
public class OkxFundingBillTests
{
    private const string Bills = "/api/v5/account/bills";
    private const string History = "/api/v5/public/funding-rate-history";
    private const string Swap = "BTC-USDT-SWAP";
    /// <summary>2024-01-01 08:00 UTC, a funding time.</summary>
    private const long T = 1_704_096_000_000;
    private const long P = FundingRates.PeriodMs;
    private static readonly Instrument Instrument = TestInstruments.BtcUsdtSwap;
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(T + 3 * P));
    private readonly ListLogger _log = new();

    private static string S(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static OkxBillWire Bill(string billId, long ts, string posSide, decimal balChg, decimal sz = 2m, decimal px = 40_000m) => new()
    {
        BillId = billId, InstType = "SWAP", InstId = Swap, Ccy = "USDT", MgnMode = "isolated", Type = "8",
        SubType = balChg < 0m ? "173" : "174", BalChg = S(balChg), Bal = "1000", Sz = S(sz), Px = S(px), Ts = ts.ToString(CultureInfo.InvariantCulture),
        PosSide = posSide,
    };

    private static string Json(IEnumerable<object> items) => JsonSerializer.Serialize(items, OkxJson.Response);

    private static object Rate(long fundingTime, decimal rate) => OkxWireWriter.FundingRate(Swap, new FundingRate(fundingTime, rate, true));

    private OkxExchange Gateway(ScriptedHandler handler) =>
        OkxExchange.CreateRestOnly(OkxTestKit.Options(o => o.MaxRetries = 0), new HttpClient(handler), _clock, _log);

    /// <summary>Notional 2 × 0.01 × 40,000 = 800: a long pays 800 × rate, a short receives it.</summary>
    [Theory]
    [InlineData(0.0001, -0.08, PositionSide.Long)]
    [InlineData(0.0001, 0.08, PositionSide.Short)]
    [InlineData(-0.0001, 0.08, PositionSide.Long)]
    [InlineData(-0.0001, -0.08, PositionSide.Short)]
    public void Without_posSide_the_side_is_told_by_the_sign_of_balChg_against_the_rate(double rate, double balChg, PositionSide side)
    {
        var bill = OkxMapper.ToFundingBill(Bill("7", T + 1_234, "", (decimal)balChg), Instrument, (decimal)rate);

        Assert.Equal(new FundingBill("7", Swap, side, T, 2m, 40_000m, (decimal)rate, (decimal)balChg, "USDT", 1000m), bill);
    }

    [Theory]
    [InlineData("long", -0.08, 0.0001)]
    [InlineData("long", 0.08, -0.0001)]
    [InlineData("short", 0.08, 0.0001)]
    [InlineData("short", -0.08, -0.0001)]
    public void Without_a_known_rate_it_is_the_amount_over_the_notional_signed_by_what_the_side_paid(string posSide, double balChg, double rate)
    {
        var bill = OkxMapper.ToFundingBill(Bill("7", T, posSide, (decimal)balChg), Instrument, rate: null);

        Assert.Equal((decimal)rate, bill.Rate);
        Assert.Equal(posSide == "long" ? PositionSide.Long : PositionSide.Short, bill.PosSide);
    }

    public static TheoryData<string, Action<OkxBillWire>> Malformed => new()
    {
        { "not funding", w => w.Type = "2" },
        { "unknown subType", w => w.SubType = "1" },
        { "income that is paid", w => w.SubType = "174" },
        { "size not a number", w => w.Sz = "two" },
        { "no size", w => w.Sz = "" },
        { "no time", w => w.Ts = "" },
        { "odd side", w => w.PosSide = "both" },
        { "another instrument", w => w.InstId = "ETH-USDT-SWAP" },
        { "no bill id", w => w.BillId = "" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_bill_not_as_OKX_writes_one_is_a_typed_malformed_error(string what, Action<OkxBillWire> spoil)
    {
        var wire = Bill("7", T, "long", -0.08m);
        spoil(wire);

        var error = Assert.Throws<OkxApiException>(() => OkxMapper.ToFundingBill(wire, Instrument, 0.0001m));

        Assert.True(error.Kind == OkxErrorKind.MalformedResponse, what);
    }

    [Fact]
    public void A_bill_with_no_side_and_no_known_rate_cannot_be_read_yet()
    {
        var error = Assert.Throws<OkxApiException>(() => OkxMapper.ToFundingBill(Bill("7", T, "", -0.08m), Instrument, rate: null));

        Assert.Equal(OkxErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("side cannot be told", error.Message);
    }

    [Fact]
    public async Task Bills_are_paged_by_billId_their_sides_inferred_from_the_rate_history_and_listed_oldest_first()
    {
        // 103 funding times, a long and a short alternately; rates of both signs.
        static decimal RateAt(int k) => (k % 3 == 0 ? -1m : 1m) * 0.0001m * (1 + k % 5);
        static PositionSide SideAt(int k) => k % 2 == 0 ? PositionSide.Long : PositionSide.Short;
        var all = Enumerable.Range(0, 103).Select(k => Bill((1_000 + k).ToString(CultureInfo.InvariantCulture), T - (102 - k) * P + 5, "",
            (SideAt(k) == PositionSide.Long ? -800m : 800m) * RateAt(k))).Reverse().ToList();   // newest first, as OKX answers
        var rates = Enumerable.Range(0, 103).Select(k => Rate(T - (102 - k) * P, RateAt(k))).Reverse().ToList();
        var handler = new ScriptedHandler(r => Task.FromResult(r.Path switch
        {
            Bills when !r.PathAndQuery.Contains("after=", StringComparison.Ordinal) => ScriptedHandler.Ok(Json(all.Take(100))),
            Bills => ScriptedHandler.Ok(Json(all.Skip(100))),
            History => ScriptedHandler.Ok(Json(rates)),
            _ => ScriptedHandler.Error("404", "Not Found"),
        }));
        await using var exchange = Gateway(handler);

        var bills = await exchange.GetFundingBillsAsync();

        Assert.Equal(Enumerable.Range(0, 103).Select(k => ((1_000 + k).ToString(CultureInfo.InvariantCulture), SideAt(k), RateAt(k), T - (102 - k) * P)),
            bills.Select(b => (b.BillId, b.PosSide, b.Rate, b.FundingTimeMs)));
        var requests = handler.Requests.Where(r => r.Path == Bills).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(2, requests.Count);
        Assert.StartsWith(Bills + "?instType=SWAP&type=8", requests[0], StringComparison.Ordinal);
        Assert.Contains("after=1003", requests[1], StringComparison.Ordinal);                          // the oldest bill of page one
        Assert.Equal(1, handler.Count("GET", History));

        await exchange.GetFundingBillsAsync();
        Assert.Equal(1, handler.Count("GET", History));                                                 // settled rates are kept
    }

    [Fact]
    public async Task Paging_stops_at_a_bill_older_than_sinceMs_and_older_bills_are_left_out()
    {
        var all = Enumerable.Range(0, 100).Select(k => Bill((2_000 - k).ToString(CultureInfo.InvariantCulture), T - k * P, "long", -0.08m)).ToList();
        var handler = new ScriptedHandler(r => Task.FromResult(r.Path == Bills ? ScriptedHandler.Ok(Json(all)) : ScriptedHandler.Ok("[]")));
        await using var exchange = Gateway(handler);

        var bills = await exchange.GetFundingBillsAsync(Swap, sinceMs: T - P);

        Assert.Equal(["1999", "2000"], bills.Select(b => b.BillId));
        Assert.Equal(1, handler.Count("GET", Bills));
        Assert.Contains($"begin={T - P}", handler.Requests[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("instId=BTC-USDT-SWAP", handler.Requests[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_bill_is_logged_and_skipped_and_the_others_are_read()
    {
        var bad = Bill("3", T, "long", -0.08m);
        bad.BalChg = "lots";
        object[] page = [Bill("4", T, "short", 0.08m), bad, Bill("2", T, "long", -0.08m)];
        var handler = new ScriptedHandler(r => Task.FromResult(r.Path == Bills
            ? ScriptedHandler.Ok(Json(page))
            : ScriptedHandler.Ok(Json([Rate(T, 0.0001m)]))));
        await using var exchange = Gateway(handler);

        var bills = await exchange.GetFundingBillsAsync();

        Assert.Equal([("2", PositionSide.Long), ("4", PositionSide.Short)], bills.Select(b => (b.BillId, b.PosSide)));
        Assert.Contains(_log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("funding bill 3 skipped", StringComparison.Ordinal)
            && l.Contains("balChg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_rate_history_a_bill_with_a_side_takes_its_rate_from_its_amount_and_one_without_waits()
    {
        object[] page = [Bill("2", T, "long", -0.08m), Bill("1", T, "", 0.08m)];
        var handler = new ScriptedHandler(r => Task.FromResult(r.Path == Bills
            ? ScriptedHandler.Ok(Json(page))
            : ScriptedHandler.Error("50026", "System error")));
        await using var exchange = Gateway(handler);

        var bills = await exchange.GetFundingBillsAsync();

        var bill = Assert.Single(bills);
        Assert.Equal(("2", PositionSide.Long, 0.0001m), (bill.BillId, bill.PosSide, bill.Rate));
        Assert.Contains(_log.Lines, l => l.Contains("funding-rate history of BTC-USDT-SWAP unavailable", StringComparison.Ordinal));
        Assert.Contains(_log.Lines, l => l.Contains("funding bill 1 skipped", StringComparison.Ordinal));
    }
}
