using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// Public REST: server time, instruments, tickers, candles and mark price candles (newest first, as OKX answers). Candles
/// come at every OKX bar the replayed series can make (its own interval and whole multiples of it, aligned as OKX aligns
/// them), and at the finer bars the configured finer series makes where it covers the time asked (elsewhere 51000 saying
/// why). Mark price candles come from the recorded mark series where it covers, else from the replayed price
/// (<see cref="SimMarket.MarkCandles"/>).
/// </summary>
public static class SimPublicEndpoints
{
    private static readonly DateTimeOffset ListTime = new(2019, 1, 22, 0, 0, 0, TimeSpan.Zero);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v5/public/time", (ExchangeSimServer sim) => SimHttp.Ok([new { ts = OkxJson.Format(sim.NowMs) }]));

        app.MapGet("/api/v5/public/instruments", (HttpContext context, ExchangeSimServer sim) =>
        {
            var instType = SimHttp.Query(context, "instType");
            if (instType is null)
                return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instType cannot be empty.");
            var instId = SimHttp.Query(context, "instId");
            var list = sim.Instruments
                .Where(i => OkxWireWriter.InstType(i) == instType && (instId is null || i.InstId == instId))
                .Select(i => (object)OkxWireWriter.Instrument(i, ListTime.ToUnixTimeMilliseconds()));
            return SimHttp.Ok(list);
        });

        app.MapGet("/api/v5/market/ticker", (HttpContext context, ExchangeSimServer sim) =>
        {
            var instId = SimHttp.Query(context, "instId");
            if (instId is null)
                return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instId cannot be empty.");
            if (sim.Instruments.FirstOrDefault(i => i.InstId == instId) is not { } instrument)
                return SimHttp.Error(OkxErrorCodes.InstrumentNotFound, "Instrument ID does not exist.");
            return SimHttp.Ok([sim.Read(_ => sim.MarketFor(instrument.InstId).Ticker(instrument))]);
        });

        app.MapGet("/api/v5/market/tickers", (HttpContext context, ExchangeSimServer sim) =>
        {
            var instType = SimHttp.Query(context, "instType");
            if (instType is null)
                return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instType cannot be empty.");
            return SimHttp.Ok(sim.Read(_ => sim.Instruments.Where(i => OkxWireWriter.InstType(i) == instType)
                .Select(i => (object)sim.MarketFor(i.InstId).Ticker(i)).ToList()));
        });

        app.MapGet("/api/v5/market/candles", (HttpContext context, ExchangeSimServer sim) => Candles(context, sim, 300, markPrice: false));
        app.MapGet("/api/v5/market/history-candles", (HttpContext context, ExchangeSimServer sim) => Candles(context, sim, 100, markPrice: false));
        app.MapGet("/api/v5/market/mark-price-candles", (HttpContext context, ExchangeSimServer sim) => Candles(context, sim, 100, markPrice: true));
        app.MapGet("/api/v5/market/history-mark-price-candles", (HttpContext context, ExchangeSimServer sim) => Candles(context, sim, 100, markPrice: true));
    }

    private static IResult Candles(HttpContext context, ExchangeSimServer sim, int maxLimit, bool markPrice)
    {
        var instId = SimHttp.Query(context, "instId");
        if (instId is null)
            return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instId cannot be empty.");
        if (sim.Instruments.FirstOrDefault(i => i.InstId == instId) is not { } instrument)
            return SimHttp.Error(OkxErrorCodes.InstrumentNotFound, "Instrument ID does not exist.");
        var barName = SimHttp.Query(context, "bar") ?? "1m";
        var market = sim.MarketFor(instrument.InstId);
        if (!OkxBars.TryGet(barName, out var bar) || !(markPrice ? market.ServesMark(bar) : market.Serves(bar)))
            return SimHttp.Error(OkxErrorCodes.ParameterError, market.WhyNotServed(barName));
        if (!SimQuery.TryNumber(context, "after", out var after))
            return SimQuery.Bad("after");
        if (!SimQuery.TryNumber(context, "before", out var before))
            return SimQuery.Bad("before");
        if (!SimQuery.TryLimit(context, maxLimit, Math.Min(100, maxLimit), out var limit))
            return SimQuery.Bad("limit");
        var (rows, refusal) = sim.Read(_ =>
        {
            if (markPrice)
                return (market.MarkCandles(instrument, bar, after, before, limit), null);
            var candles = market.Candles(bar, after, before, limit);
            // A finer bar is served only from the finer series: no candle means it does not cover the time asked.
            return (candles, candles.Count == 0 && market.IsFinerThanReplay(bar) ? market.WhyNotCovered(barName) : null);
        });
        if (refusal is not null)
            return SimHttp.Error(OkxErrorCodes.ParameterError, refusal);
        return SimHttp.Ok(rows.Select(c => markPrice
            ? (object)OkxWireWriter.MarkPriceCandle(c.Bar, c.Confirmed)
            : OkxWireWriter.Candle(c.Bar, instrument, c.Confirmed)));
    }
}
