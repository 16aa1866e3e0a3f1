using System.Globalization;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// Funding over REST: the account's bills (GET /api/v5/account/bills, signed; the simulated exchange books only funding,
/// type 8, so any other type answers an empty list) and the swaps' settled funding rates
/// (GET /api/v5/public/funding-rate-history), and the current funding (GET /api/v5/public/funding-rate: the coming
/// settlement's time and the rate it charges, from the same rates the exchange settles at). Lists newest first, as OKX answers, with OKX's cursors; a parameter that
/// is not what OKX takes answers 51000 (an unknown instrument 51001), as elsewhere in exchange-sim.
/// </summary>
public static class SimFundingEndpoints
{
    /// <summary>OKX keeps the bills of the last 7 days on this endpoint (older ones are in bills-archive).</summary>
    private static readonly TimeSpan BillWindow = TimeSpan.FromDays(7);

    /// <summary>OKX's funding-rate history reaches back 3 months.</summary>
    private static readonly TimeSpan RateWindow = TimeSpan.FromDays(92);

    private const int MaxBills = 100, MaxRates = 400;
    private static readonly string[] InstTypes = ["SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v5/account/bills", Bills).RequireOkxSignature();
        app.MapGet("/api/v5/public/funding-rate-history", FundingRateHistory);
        app.MapGet("/api/v5/public/funding-rate", CurrentFundingRate);
    }

    private static IResult CurrentFundingRate(HttpContext context, ExchangeSimServer sim)
    {
        var instId = SimHttp.Query(context, "instId");
        if (instId is null)
            return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instId cannot be empty.");
        if (sim.Instruments.FirstOrDefault(i => i.InstId == instId) is not { Kind: InstrumentKind.Swap })
            return SimHttp.Error(OkxErrorCodes.InstrumentNotFound, "Instrument ID does not exist.");
        var now = sim.NowMs;
        var coming = FundingRates.NextAfter(now);
        return SimHttp.Ok([OkxWireWriter.CurrentFundingRate(instId, sim.Funding.RateAt(instId, coming),
            sim.Funding.RateAt(instId, coming - FundingRates.PeriodMs), coming + FundingRates.PeriodMs, now)]);
    }

    private static IResult Bills(HttpContext context, ExchangeSimServer sim)
    {
        var instType = SimHttp.Query(context, "instType");
        if (instType is not null && !InstTypes.Contains(instType))
            return Bad("instType");
        var instId = SimHttp.Query(context, "instId");
        if (instId is not null && sim.Instruments.All(i => i.InstId != instId))
            return SimHttp.Error(OkxErrorCodes.InstrumentNotFound, "Instrument ID does not exist.");
        var ccy = SimHttp.Query(context, "ccy");
        var type = SimHttp.Query(context, "type");
        var subType = SimHttp.Query(context, "subType");
        if (!IsCode(type)) return Bad("type");
        if (!IsCode(subType)) return Bad("subType");
        if (!SimQuery.TryNumber(context, "after", out var after)) return Bad("after");
        if (!SimQuery.TryNumber(context, "before", out var before)) return Bad("before");
        if (!SimQuery.TryNumber(context, "begin", out var begin)) return Bad("begin");
        if (!SimQuery.TryNumber(context, "end", out var end)) return Bad("end");
        if (!SimQuery.TryLimit(context, MaxBills, MaxBills, out var limit)) return Bad("limit");

        // Funding is the only kind of bill the simulated exchange books (type 8); every other type is empty.
        if ((instType is not null and not "SWAP") || (type is not null and not "8") || (subType is not null and not ("173" or "174")))
            return SimHttp.Ok([]);
        var from = Math.Max(begin ?? long.MinValue, sim.NowMs - (long)BillWindow.TotalMilliseconds);
        var withoutPosSide = sim.Faults.BillsWithoutPosSide;
        var wires = sim.Read(exchange => exchange.GetFundingBillsAsync(instId).Result
            .Where(b => ccy is null || b.Ccy == ccy)
            .Select(b => (Bill: b, Id: long.Parse(b.BillId, NumberStyles.None, CultureInfo.InvariantCulture)))
            .Where(x => (after is null || x.Id < after) && (before is null || x.Id > before))
            .Where(x => x.Bill.FundingTimeMs >= from && (end is null || x.Bill.FundingTimeMs <= end))
            .Select(x => (x.Id, Wire: OkxWireWriter.FundingBill(x.Bill, ExchangeSimServer.MgnMode(exchange.MarginMode(x.Bill.InstId, x.Bill.PosSide)))))
            .Where(x => subType is null || x.Wire.SubType == subType)
            .OrderByDescending(x => x.Id)
            .Take(limit)
            .Select(x => (object)(withoutPosSide ? RealOkx(x.Wire) : x.Wire))
            .ToList());
        return SimHttp.Ok(wires);
    }

    private static IResult FundingRateHistory(HttpContext context, ExchangeSimServer sim)
    {
        var instId = SimHttp.Query(context, "instId");
        if (instId is null)
            return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instId cannot be empty.");
        if (sim.Instruments.FirstOrDefault(i => i.InstId == instId) is not { Kind: InstrumentKind.Swap })
            return SimHttp.Error(OkxErrorCodes.InstrumentNotFound, "Instrument ID does not exist.");
        if (!SimQuery.TryNumber(context, "after", out var after)) return Bad("after");
        if (!SimQuery.TryNumber(context, "before", out var before)) return Bad("before");
        if (!SimQuery.TryLimit(context, MaxRates, MaxRates, out var limit)) return Bad("limit");

        // The settled funding times, newest first: the last one the clock has passed, back 3 months.
        var now = sim.NowMs;
        var oldest = now - (long)RateWindow.TotalMilliseconds;
        var rates = new List<object>(Math.Min(limit, MaxRates));
        for (var t = FundingRates.AtOrBefore(now); t > oldest && rates.Count < limit; t -= FundingRates.PeriodMs)
        {
            if ((after is null || t < after) && (before is null || t > before))
                rates.Add(OkxWireWriter.FundingRate(instId, sim.Funding.RateAt(instId, t)));
        }
        return SimHttp.Ok(rates);
    }

    /// <summary>The bill as real OKX writes it: posSide is exchange-sim's extension.</summary>
    private static OkxBillWire RealOkx(OkxBillWire wire)
    {
        wire.PosSide = "";
        return wire;
    }

    private static IResult Bad(string parameter) => SimQuery.Bad(parameter);

    /// <summary>A bill type or subtype is a whole number (absent is fine).</summary>
    private static bool IsCode(string? value) => value is null || (value.Length <= 6 && value.All(char.IsAsciiDigit));
}
