using System.Threading.Channels;

namespace Prometheus.Engine.Exchange;

/// <summary>
/// The one exchange port. The simulated exchange and the OKX gateway implement it; the Supervisor,
/// agents and risk code never know which one runs. Every call may complete synchronously.
/// </summary>
public interface IExchange
{
    IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Confirmed fills in the order the exchange produced them (the private orders channel).</summary>
    ChannelReader<ExchangeFill> Fills { get; }

    ValueTask<OrderAck> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default);

    ValueTask<OrderAck> CancelOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default);

    /// <summary>Looks an order up by exchange id or clOrdId; null when the exchange has never seen it.</summary>
    ValueTask<ExchangeOrder?> GetOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default);

    ValueTask<IReadOnlyList<ExchangeOrder>> GetPendingOrdersAsync(string? instId = null, CancellationToken ct = default);

    ValueTask<IReadOnlyList<ExchangeOrder>> GetOrderHistoryAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default);

    ValueTask<IReadOnlyList<ExchangeFill>> GetFillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default);

    ValueTask<IReadOnlyList<ExchangePosition>> GetPositionsAsync(string? instId = null, CancellationToken ct = default);

    ValueTask<IReadOnlyList<ExchangeBalance>> GetBalancesAsync(CancellationToken ct = default);

    /// <summary>
    /// Funding the exchange settled on swap positions, oldest first, with a funding time at or after
    /// <paramref name="sinceMs"/> (all it still keeps when null).
    /// </summary>
    ValueTask<IReadOnlyList<FundingBill>> GetFundingBillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default);

    ValueTask<OrderAck> SetLeverageAsync(string instId, PositionSide posSide, decimal leverage, CancellationToken ct = default);
}
