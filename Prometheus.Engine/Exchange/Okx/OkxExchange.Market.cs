using Prometheus.Engine.Exchange.Okx.Wire;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>Market data over REST: server time, tickers, candles (recent and history).</summary>
public sealed partial class OkxExchange
{
    public async Task<DateTimeOffset> GetServerTimeAsync(CancellationToken ct = default)
    {
        var data = await _rest.GetAsync<OkxTimeWire>("/api/v5/public/time", [], signed: false, ct).ConfigureAwait(false);
        return data.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(OkxJson.Long(data[0].Ts, "ts"))
            : throw OkxJson.Malformed("public/time answered no data", "GET /api/v5/public/time");
    }

    public async Task<OkxTicker> GetTickerAsync(string instId, CancellationToken ct = default)
    {
        var data = await _rest.GetAsync<OkxTickerWire>("/api/v5/market/ticker", [new("instId", instId)], signed: false, ct).ConfigureAwait(false);
        return data.Count > 0 ? OkxTicker.From(data[0]) : throw OkxJson.Malformed($"no ticker for {instId}", "GET /api/v5/market/ticker");
    }

    /// <param name="instType">SPOT or SWAP.</param>
    public async Task<IReadOnlyList<OkxTicker>> GetTickersAsync(string instType, CancellationToken ct = default)
    {
        var data = await _rest.GetAsync<OkxTickerWire>("/api/v5/market/tickers", [new("instType", instType)], signed: false, ct).ConfigureAwait(false);
        return data.Select(OkxTicker.From).ToList();
    }

    /// <summary>Recent candles (GET /api/v5/market/candles), oldest first (OKX answers newest first).</summary>
    /// <param name="afterMs">Only candles older than this open time (OKX's "after" pagination).</param>
    public Task<IReadOnlyList<OkxCandle>> GetCandlesAsync(string instId, string bar, int limit = 100, long? afterMs = null, CancellationToken ct = default) =>
        CandlesAsync("/api/v5/market/candles", instId, bar, limit, afterMs, ct);

    /// <summary>Older candles (GET /api/v5/market/history-candles), oldest first.</summary>
    public Task<IReadOnlyList<OkxCandle>> GetHistoryCandlesAsync(string instId, string bar, int limit = 100, long? afterMs = null, CancellationToken ct = default) =>
        CandlesAsync("/api/v5/market/history-candles", instId, bar, limit, afterMs, ct);

    private async Task<IReadOnlyList<OkxCandle>> CandlesAsync(string path, string instId, string bar, int limit, long? afterMs, CancellationToken ct)
    {
        var kind = InstrumentOf(instId).Kind;
        var rows = await _rest.GetAsync<List<string>>(path,
            [
                new("instId", instId), new("bar", bar), new("after", afterMs is { } a ? OkxJson.Format(a) : null),
                new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ], signed: false, ct).ConfigureAwait(false);
        var candles = rows.Select(row => OkxMapper.ToCandle(row, kind)).ToList();
        candles.Reverse();
        return candles;
    }
}
