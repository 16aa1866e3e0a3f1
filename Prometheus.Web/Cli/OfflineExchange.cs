using System.Threading.Channels;
using Prometheus.Engine.Exchange;

namespace Prometheus.Web.Cli;

/// <summary>
/// The exchange of an engine restored only to be read (the recover verb, serve --read-only): it has no connection, and any attempt to
/// trade through it is a bug, so every call throws.
/// </summary>
internal sealed class OfflineExchange(IReadOnlyList<Instrument> instruments) : IExchange
{
    private static readonly Channel<ExchangeFill> NoFills = Channel.CreateUnbounded<ExchangeFill>();

    public IReadOnlyList<Instrument> Instruments => instruments;
    public ChannelReader<ExchangeFill> Fills => NoFills.Reader;

    public ValueTask<OrderAck> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default) => throw Offline();
    public ValueTask<OrderAck> CancelOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default) => throw Offline();
    public ValueTask<ExchangeOrder?> GetOrderAsync(string instId, string? ordId, string? clOrdId, CancellationToken ct = default) => throw Offline();
    public ValueTask<IReadOnlyList<ExchangeOrder>> GetPendingOrdersAsync(string? instId = null, CancellationToken ct = default) => throw Offline();
    public ValueTask<IReadOnlyList<ExchangeOrder>> GetOrderHistoryAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default) => throw Offline();
    public ValueTask<IReadOnlyList<ExchangeFill>> GetFillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default) => throw Offline();
    public ValueTask<IReadOnlyList<ExchangePosition>> GetPositionsAsync(string? instId = null, CancellationToken ct = default) => throw Offline();
    public ValueTask<IReadOnlyList<ExchangeBalance>> GetBalancesAsync(CancellationToken ct = default) => throw Offline();
    public ValueTask<IReadOnlyList<FundingBill>> GetFundingBillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default) => throw Offline();
    public ValueTask<OrderAck> SetLeverageAsync(string instId, PositionSide posSide, decimal leverage, CancellationToken ct = default) => throw Offline();

    private static InvalidOperationException Offline() => new("this engine was restored for reading only: it has no exchange");
}
