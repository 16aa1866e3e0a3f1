namespace Prometheus.Engine.Exchange.Okx;

/// <summary>The few ticker fields the engine uses (GET /api/v5/market/ticker, tickers channel).</summary>
public sealed record OkxTicker(string InstId, decimal Last, decimal BidPx, decimal AskPx, decimal Open24h, decimal High24h, decimal Low24h, long TimestampMs)
{
    public static OkxTicker From(Wire.OkxTickerWire w) => new(
        w.InstId, OkxJson.Decimal(w.Last, "last"), OkxJson.Decimal(w.BidPx, "bidPx"), OkxJson.Decimal(w.AskPx, "askPx"),
        OkxJson.Decimal(w.Open24h, "open24h"), OkxJson.Decimal(w.High24h, "high24h"), OkxJson.Decimal(w.Low24h, "low24h"),
        OkxJson.Long(w.Ts, "ts"));
}
