using System.Net;
using System.Threading.Channels;

namespace Prometheus.Engine.Exchange.Simulated.Faults;

/// <summary>
/// The simulated exchange with faults on demand: for the next N order requests (placements and cancellations) a
/// timeout after execution, a 5xx, a rate limit, a reject or a partial fill, so that the engine's handling of unknown
/// outcomes and refusals is exercised on the real path. Queries pass through untouched. Used only in simulated mode.
/// Called from the trading loop's thread only, like the exchange it wraps.
/// </summary>
public sealed class FaultInjectingExchange(SimulatedExchange exchange) : IExchange
{
    private FaultPlan? _plan;
    private int _left;

    public SimulatedExchange Inner => exchange;

    /// <summary>The fault in force and how many requests it still applies to; null when none.</summary>
    public (FaultPlan Plan, int Left)? Active => _plan is { } plan && _left > 0 ? (plan, _left) : null;

    /// <summary>Sets (or with null clears) the fault for the next requests.</summary>
    public void Inject(FaultPlan? plan)
    {
        if (plan is not null && plan.Validate().FirstOrDefault() is { } error)
            throw new ArgumentException(error, nameof(plan));
        _plan = plan;
        _left = plan?.Requests ?? 0;
    }

    public IReadOnlyList<Instrument> Instruments => exchange.Instruments;
    public ChannelReader<ExchangeFill> Fills => exchange.Fills;

    public async ValueTask<OrderAck> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        switch (Take())
        {
            case FaultKind.Timeout:
                await exchange.PlaceOrderAsync(request, ct);
                throw new TimeoutException($"simulated fault: no answer to order {request.ClOrdId} (it was executed)");
            case FaultKind.ServerError:
                throw new HttpRequestException($"simulated fault: 503 for order {request.ClOrdId} (not executed)", null, HttpStatusCode.ServiceUnavailable);
            case FaultKind.RateLimit:
                return OrderAck.Reject(request.ClOrdId, OkxErrorCodes.RateLimited, "simulated fault: Requests too frequent.");
            case FaultKind.Reject:
                return OrderAck.Reject(request.ClOrdId, OkxErrorCodes.InsufficientBalance, "simulated fault: Insufficient USDT balance.");
            case FaultKind.PartialFill:
                exchange.PartialFillRatio = _plan!.FillRatio;
                try { return await exchange.PlaceOrderAsync(request, ct); }
                finally { exchange.PartialFillRatio = null; }
            default:
                return await exchange.PlaceOrderAsync(request, ct);
        }
    }

    public async ValueTask<OrderAck> CancelOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default)
    {
        switch (Take())
        {
            case FaultKind.Timeout:
                await exchange.CancelOrderAsync(instId, ordId, clOrdId, ct);
                throw new TimeoutException($"simulated fault: no answer to the cancellation of {clOrdId ?? ordId} (it was executed)");
            case FaultKind.ServerError:
                throw new HttpRequestException("simulated fault: 503 on a cancellation (not executed)", null, HttpStatusCode.ServiceUnavailable);
            case FaultKind.RateLimit:
                return OrderAck.Reject(clOrdId ?? "", OkxErrorCodes.RateLimited, "simulated fault: Requests too frequent.");
            default:
                return await exchange.CancelOrderAsync(instId, ordId, clOrdId, ct);
        }
    }

    public ValueTask<ExchangeOrder?> GetOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default) =>
        exchange.GetOrderAsync(instId, ordId, clOrdId, ct);

    public ValueTask<IReadOnlyList<ExchangeOrder>> GetPendingOrdersAsync(string? instId = null, CancellationToken ct = default) =>
        exchange.GetPendingOrdersAsync(instId, ct);

    public ValueTask<IReadOnlyList<ExchangeOrder>> GetOrderHistoryAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default) =>
        exchange.GetOrderHistoryAsync(instId, sinceMs, ct);

    public ValueTask<IReadOnlyList<ExchangeFill>> GetFillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default) =>
        exchange.GetFillsAsync(instId, sinceMs, ct);

    public ValueTask<IReadOnlyList<ExchangePosition>> GetPositionsAsync(string? instId = null, CancellationToken ct = default) =>
        exchange.GetPositionsAsync(instId, ct);

    public ValueTask<IReadOnlyList<ExchangeBalance>> GetBalancesAsync(CancellationToken ct = default) => exchange.GetBalancesAsync(ct);

    public ValueTask<IReadOnlyList<FundingBill>> GetFundingBillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default) =>
        exchange.GetFundingBillsAsync(instId, sinceMs, ct);

    public ValueTask<OrderAck> SetLeverageAsync(string instId, PositionSide posSide, decimal leverage, CancellationToken ct = default) =>
        exchange.SetLeverageAsync(instId, posSide, leverage, ct);

    private FaultKind? Take()
    {
        if (_plan is null || _left <= 0) return null;
        _left--;
        return _plan.Kind;
    }
}
