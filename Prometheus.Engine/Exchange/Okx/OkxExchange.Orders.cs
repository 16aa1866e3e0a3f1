using Microsoft.Extensions.Logging;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>Orders: place (once, then look up by clOrdId when the outcome is unknown), cancel, look up, list.</summary>
public sealed partial class OkxExchange
{
    private const int PageSize = 100;
    private const int MaxPages = 200;
    private const int UnknownOutcomeLookups = 3;

    /// <summary>
    /// Places an order with one POST /api/v5/trade/order. A refusal is an <see cref="OrderAck"/> with OKX's sCode. When the
    /// outcome is unknown the order is looked up by clOrdId (never posted again): found means accepted; not found after
    /// a few lookups means not placed (its clOrdId is spent); a failed lookup throws <see cref="OkxOrderOutcomeUnknownException"/>.
    /// </summary>
    public async ValueTask<OrderAck> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = OrderBody(request, InstrumentOf(request.InstId));
        OkxResponse<OkxOrderResultWire> response;
        try
        {
            response = await _rest.PostAsync<OkxOrderResultWire>("/api/v5/trade/order", body, idempotent: false, itemsCarryCodes: true, ct)
                .ConfigureAwait(false);
        }
        catch (OkxApiException e) when (IsOutcomeUnknown(e))
        {
            _logger.LogWarning("Order {ClOrdId}: outcome unknown ({Error}); looking it up by clOrdId", request.ClOrdId, e.Message);
            return await ResolveUnknownAsync(request, e, ct).ConfigureAwait(false);
        }
        catch (OkxApiException e) when (e.Kind is OkxErrorKind.RateLimited or OkxErrorKind.CircuitOpen or OkxErrorKind.Parameter
                                             or OkxErrorKind.InsufficientBalance or OkxErrorKind.DuplicateClOrdId)
        {
            // Refused before it reached the matching engine: nothing was placed.
            return OrderAck.Reject(request.ClOrdId, e.Code.Length > 0 ? e.Code : OkxErrorCodes.ServiceUnavailable, e.OkxMessage);
        }
        if (response.Data.Count == 0)
            return await ResolveUnknownAsync(request, OkxJson.Malformed("order answer without data", "POST /api/v5/trade/order"), ct).ConfigureAwait(false);
        var item = response.Data[0];
        return item.SCode == OkxErrorCodes.Ok
            ? OrderAck.Ok(request.ClOrdId, item.OrdId)
            : new OrderAck(request.ClOrdId, item.OrdId.Length > 0 ? item.OrdId : null, item.SCode, item.SMsg);
    }

    public async ValueTask<OrderAck> CancelOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default)
    {
        var body = new Dictionary<string, string>(StringComparer.Ordinal) { ["instId"] = instId };
        if (!string.IsNullOrEmpty(ordId))
            body["ordId"] = ordId;
        if (!string.IsNullOrEmpty(clOrdId))
            body["clOrdId"] = clOrdId;
        // Cancelling twice is harmless (51401 the second time), so a cancel is retried like a read.
        var response = await _rest.PostAsync<OkxOrderResultWire>("/api/v5/trade/cancel-order", body, idempotent: true, itemsCarryCodes: true, ct)
            .ConfigureAwait(false);
        if (response.Data.Count == 0)
            throw OkxJson.Malformed("cancel answer without data", "POST /api/v5/trade/cancel-order");
        var item = response.Data[0];
        return new OrderAck(item.ClOrdId.Length > 0 ? item.ClOrdId : clOrdId ?? "", item.OrdId.Length > 0 ? item.OrdId : ordId, item.SCode, item.SMsg);
    }

    /// <summary>GET /api/v5/trade/order by ordId (preferred) or clOrdId; null when OKX does not know it (51603).</summary>
    public async ValueTask<ExchangeOrder?> GetOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default)
    {
        var query = new List<KeyValuePair<string, string?>> { new("instId", instId) };
        query.Add(!string.IsNullOrEmpty(ordId) ? new("ordId", ordId) : new("clOrdId", clOrdId));
        try
        {
            var data = await _rest.GetAsync<OkxOrderWire>("/api/v5/trade/order", query, signed: true, ct).ConfigureAwait(false);
            return data.Count == 0 ? null : OkxMapper.ToOrder(data[0]);
        }
        catch (OkxApiException e) when (e.Kind == OkxErrorKind.OrderNotFound)
        {
            return null;
        }
    }

    /// <summary>Live and partially filled orders, oldest first.</summary>
    public async ValueTask<IReadOnlyList<ExchangeOrder>> GetPendingOrdersAsync(string? instId = null, CancellationToken ct = default)
    {
        var wires = await PagesAsync<OkxOrderWire>("/api/v5/trade/orders-pending", [new("instId", instId)], w => w.OrdId, ct).ConfigureAwait(false);
        return Oldest(wires.Select(OkxMapper.ToOrder));
    }

    /// <summary>
    /// Completed orders created at or after <paramref name="sinceMs"/> (OKX filters history by creation time), oldest
    /// first: orders-history (7 days), or orders-history-archive (3 months) when <paramref name="sinceMs"/> is older than 7 days.
    /// </summary>
    public async ValueTask<IReadOnlyList<ExchangeOrder>> GetOrderHistoryAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default)
    {
        var path = sinceMs is { } since && since < NowMs() - (long)TimeSpan.FromDays(7).TotalMilliseconds
            ? "/api/v5/trade/orders-history-archive"
            : "/api/v5/trade/orders-history";
        var orders = new List<ExchangeOrder>();
        foreach (var instType in InstTypes(instId))
        {
            var wires = await PagesAsync<OkxOrderWire>(path,
                [new("instType", instType), new("instId", instId), new("begin", sinceMs is { } b ? OkxJson.Format(b) : null)],
                w => w.OrdId, ct).ConfigureAwait(false);
            orders.AddRange(wires.Select(OkxMapper.ToOrder));
        }
        return Oldest(orders);
    }

    /// <summary>
    /// Fills at or after <paramref name="sinceMs"/>, oldest first: fills (3 days), or fills-history (3 months) when
    /// <paramref name="sinceMs"/> is older than 3 days.
    /// </summary>
    public async ValueTask<IReadOnlyList<ExchangeFill>> GetFillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default)
    {
        var archive = sinceMs is { } since && since < NowMs() - (long)TimeSpan.FromDays(3).TotalMilliseconds;
        var fills = new List<ExchangeFill>();
        foreach (var instType in archive ? InstTypes(instId) : [null])
        {
            var wires = await PagesAsync<OkxFillWire>(archive ? "/api/v5/trade/fills-history" : "/api/v5/trade/fills",
                [new("instType", instType), new("instId", instId), new("begin", sinceMs is { } b ? OkxJson.Format(b) : null)],
                w => w.BillId, ct).ConfigureAwait(false);
            fills.AddRange(wires.Select(OkxMapper.ToFill));
        }
        return fills.OrderBy(f => f.TimestampMs).ThenBy(f => f.TradeId.Length).ThenBy(f => f.TradeId, StringComparer.Ordinal).ToList();
    }

    internal static OkxPlaceOrderWire PlaceOrderBody(OrderRequest r, Instrument instrument)
    {
        var spot = instrument.Kind == InstrumentKind.Spot;
        var body = new OkxPlaceOrderWire
        {
            InstId = r.InstId,
            TdMode = spot ? "cash" : null,
            Side = OkxWireWriter.Side(r.Side),
            PosSide = spot ? null : r.PosSide == PositionSide.Long ? "long" : "short",
            OrdType = OkxWireWriter.OrdType(r.Type),
            Sz = OkxJson.Format(r.Size),
            Px = r.Type == OrderType.Limit ? OkxJson.Format(r.Price) : null,
            ReduceOnly = r.ReduceOnly ? true : null,
            // OKX sizes a spot market buy in the quote currency unless told otherwise; the engine sizes in base.
            TgtCcy = spot && r.Type == OrderType.Market ? "base_ccy" : null,
            ClOrdId = r.ClOrdId,
        };
        if (r.StopLossPrice is not null || r.TakeProfitPrice is not null)
        {
            var algo = new Dictionary<string, string>(StringComparer.Ordinal);
            if (r.StopLossPrice is { } sl)
            {
                algo["slTriggerPx"] = OkxJson.Format(sl);
                algo["slOrdPx"] = "-1";   // market when triggered
                algo["slTriggerPxType"] = "last";
            }
            if (r.TakeProfitPrice is { } tp)
            {
                algo["tpTriggerPx"] = OkxJson.Format(tp);
                algo["tpOrdPx"] = "-1";
                algo["tpTriggerPxType"] = "last";
            }
            body.AttachAlgoOrds = [algo];
        }
        return body;
    }

    /// <summary>The tdMode of swap orders is filled in here (it depends on the options, not on the request).</summary>
    private OkxPlaceOrderWire OrderBody(OrderRequest r, Instrument instrument)
    {
        var body = PlaceOrderBody(r, instrument);
        body.TdMode ??= _options.MarginMode;
        return body;
    }

    private static bool IsOutcomeUnknown(OkxApiException e) =>
        e.Kind is OkxErrorKind.Timeout or OkxErrorKind.Network or OkxErrorKind.ServiceUnavailable or OkxErrorKind.MalformedResponse;

    private async Task<OrderAck> ResolveUnknownAsync(OrderRequest request, OkxApiException cause, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= UnknownOutcomeLookups; attempt++)
        {
            ExchangeOrder? order;
            try
            {
                order = await GetOrderAsync(request.InstId, null, request.ClOrdId, ct).ConfigureAwait(false);
            }
            catch (OkxApiException e)
            {
                throw new OkxOrderOutcomeUnknownException(request.ClOrdId,
                    $"Order {request.ClOrdId}: outcome unknown ({cause.Message}) and the lookup by clOrdId failed ({e.Message}); do not resend it", e);
            }
            if (order is not null)
            {
                _logger.LogInformation("Order {ClOrdId} found by clOrdId after an unknown outcome: ordId {OrdId}, {State}", request.ClOrdId, order.OrdId, order.State);
                return OrderAck.Ok(request.ClOrdId, order.OrdId);
            }
            if (attempt < UnknownOutcomeLookups)
                await Task.Delay(TimeSpan.FromSeconds(_options.RetryBaseDelaySeconds * attempt), _time, ct).ConfigureAwait(false);
        }
        _logger.LogWarning("Order {ClOrdId} not found by clOrdId after an unknown outcome: taken as not placed", request.ClOrdId);
        var code = cause.Code.Length > 0 ? cause.Code : OkxErrorCodes.EndpointTimeout;
        return OrderAck.Reject(request.ClOrdId, code, $"outcome unknown ({cause.OkxMessage}); not found by clOrdId {request.ClOrdId}, so not placed");
    }

    /// <summary>
    /// Every page of a newest-first list, paging with after=<paramref name="cursor"/> of the last item, until a short
    /// page or, when given, a page that ends with an item <paramref name="pastWanted"/> (older than what is wanted).
    /// </summary>
    private async Task<List<T>> PagesAsync<T>(string path, List<KeyValuePair<string, string?>> query, Func<T, string> cursor, CancellationToken ct,
        Func<T, bool>? pastWanted = null)
    {
        var all = new List<T>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var pageQuery = new List<KeyValuePair<string, string?>>(query) { new("after", after), new("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            var data = await _rest.GetAsync<T>(path, pageQuery, signed: true, ct).ConfigureAwait(false);
            all.AddRange(data);
            if (data.Count < PageSize || (pastWanted is not null && pastWanted(data[^1])))
                break;
            after = cursor(data[^1]);
        }
        return all;
    }

    private static List<ExchangeOrder> Oldest(IEnumerable<ExchangeOrder> orders) =>
        orders.OrderBy(o => o.CreatedMs).ThenBy(o => o.OrdId.Length).ThenBy(o => o.OrdId, StringComparer.Ordinal).ToList();

    private static IEnumerable<string?> InstTypes(string? instId) =>
        instId is null ? ["SPOT", "SWAP"] : [instId.EndsWith("-SWAP", StringComparison.Ordinal) ? "SWAP" : "SPOT"];

    private long NowMs() => (_time.GetUtcNow() + _rest.ClockOffset).ToUnixTimeMilliseconds();
}
