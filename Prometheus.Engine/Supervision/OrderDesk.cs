using System.Diagnostics;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// Execution: takes an order the Supervisor decided on (risk already passed) to the exchange and follows it to its end.
/// Journal first (the order is on disk before it is sent), buying power reserved, then sent under a clOrdId naming the
/// agent; the acknowledgement moves the journal (a rejection releases the reservation, no answer leaves the outcome
/// unknown and asked again); confirmed fills are drained from the exchange and handed to the Supervisor to route and
/// book; an order that reached its end releases what it reserved. It books nothing itself.
/// </summary>
public sealed class OrderDesk
{
    private readonly IExchange _exchange;
    private readonly Bookkeeper _books;
    private readonly Action<ExchangeFill> _route;

    /// <param name="route">Where each confirmed fill goes: the Supervisor routes it to its agent and has it booked.</param>
    internal OrderDesk(IExchange exchange, Bookkeeper books, Action<ExchangeFill> route)
    {
        _exchange = exchange;
        _books = books;
        _route = route;
    }

    public OrderJournal Journal { get; } = new();

    public ClOrdIds ClOrdIds { get; internal set; } = new();

    /// <summary>Orders the exchange refused.</summary>
    public int ExchangeRejects { get; internal set; }

    /// <summary>An exchange call failed without an answer the engine can use (raised on the loop); the engine carries on.</summary>
    public event Action<Exception>? ExchangeFailed;

    /// <summary>An order is about to go to the exchange (journalled, funds reserved; raised on the loop).</summary>
    public event Action<OrderRequest>? OrderSent;

    /// <summary>
    /// The exchange answered an order (accepted, or rejected with its code), or the answer never came (a null ack: outcome
    /// unknown); with the wall time from sending to the answer. Raised on the loop.
    /// </summary>
    public event Action<OrderRequest, OrderAck?, TimeSpan>? OrderAnswered;

    /// <summary>Reports an exchange call of the engine's that failed (funding bills too): one place to hear of them all.</summary>
    internal void Failed(Exception e) => ExchangeFailed?.Invoke(e);

    /// <summary>A failure of the exchange or the way to it, as opposed to a bug of the engine's.</summary>
    public static bool IsExchangeFailure(Exception e) =>
        e is TimeoutException or HttpRequestException or IOException or ExchangeException or System.Net.WebSockets.WebSocketException;

    /// <summary>Journals, reserves, sends and follows <paramref name="intent"/> until the exchange answered and its fills are in.</summary>
    internal async ValueTask SendAsync(OrderIntent intent, long now, CancellationToken ct)
    {
        var clOrdId = ClOrdIds.Next(intent.AgentId);
        var request = new OrderRequest(intent.Instrument.InstId, clOrdId, intent.Side, intent.PosSide, OrderType.Market, intent.Size,
            ReduceOnly: intent.ReducesExposure && intent.Instrument.Kind == InstrumentKind.Swap);
        Journal.Intend(intent.AgentId, clOrdId, request, intent.Origin, intent.Confidence, now);
        _books.Reserve(intent.AgentId, clOrdId, intent.RequiredBuyingPower(intent.Instrument.TakerFeeRate));

        OrderAck ack;
        OrderSent?.Invoke(request);
        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            ack = await _exchange.PlaceOrderAsync(request, ct);
        }
        catch (Exception e) when (IsExchangeFailure(e))
        {
            // Outcome unknown: never assume it failed. The order is looked up by clOrdId on the next cycle.
            Journal.Move(clOrdId, JournalState.Unknown);
            OrderAnswered?.Invoke(request, null, Stopwatch.GetElapsedTime(sentAt));
            ExchangeFailed?.Invoke(e);
            return;
        }
        OrderAnswered?.Invoke(request, ack, Stopwatch.GetElapsedTime(sentAt));
        if (!ack.Accepted)
        {
            ExchangeRejects++;
            Journal.Move(clOrdId, JournalState.Rejected);
            _books.Release(intent.AgentId, clOrdId);
            return;
        }
        Journal.Move(clOrdId, JournalState.Accepted, ack.OrdId);
        DrainFills();
        await SettleAsync(clOrdId, ct);
    }

    /// <summary>The fills the exchange confirmed since last asked, routed; then where each open order stands.</summary>
    internal async ValueTask DrainFillsAsync(CancellationToken ct)
    {
        DrainFills();
        if (Journal.Open.Count == 0) return;
        foreach (var clOrdId in Journal.Open.Select(e => e.ClOrdId).ToList())
            await SettleAsync(clOrdId, ct);
    }

    private void DrainFills()
    {
        while (_exchange.Fills.TryRead(out var fill))
            _route(fill);
    }

    /// <summary>Asks the exchange where an open order stands; a finished one releases its reservation.</summary>
    private async ValueTask SettleAsync(string clOrdId, CancellationToken ct)
    {
        var entry = Journal.Find(clOrdId);
        if (entry is null) return;
        if (entry.FilledSize >= entry.Request.Size && entry.State is JournalState.Accepted or JournalState.PartiallyFilled)
        {
            // Its fills already cover it: it is filled, whatever the exchange would answer; no need to ask.
            Journal.Move(clOrdId, JournalState.Filled, entry.OrdId);
            _books.Release(entry.AgentId, clOrdId);
            return;
        }
        ExchangeOrder? order;
        try
        {
            order = await _exchange.GetOrderAsync(entry.Request.InstId, entry.OrdId, clOrdId, ct);
        }
        catch (Exception e) when (IsExchangeFailure(e))
        {
            ExchangeFailed?.Invoke(e); // asked again next cycle
            return;
        }
        if (order is null)
        {
            if (entry.State == JournalState.Unknown)
            {
                // The exchange never saw it: it was not placed. Nothing to book.
                Journal.Move(clOrdId, JournalState.Rejected);
                _books.Release(entry.AgentId, clOrdId);
            }
            return;
        }
        var next = order.State switch
        {
            OrderState.Filled => JournalState.Filled,
            OrderState.Canceled => JournalState.Canceled,
            OrderState.Rejected => JournalState.Rejected,
            OrderState.PartiallyFilled => JournalState.PartiallyFilled,
            _ => entry.State == JournalState.Unknown ? JournalState.Accepted : entry.State,
        };
        if (next != entry.State && OrderJournal.CanMove(entry.State, next))
            Journal.Move(clOrdId, next, order.OrdId);
        if (next is JournalState.Filled or JournalState.Canceled or JournalState.Rejected)
            _books.Release(entry.AgentId, clOrdId);
    }

    /// <summary>
    /// Reconciliation decided where an order the journal lost track of stands (<paramref name="order"/> as the exchange
    /// has it, or null: never placed); false when there is nothing to resolve.
    /// </summary>
    internal bool Resolve(string clOrdId, ExchangeOrder? order)
    {
        var entry = Journal.Find(clOrdId);
        if (entry is null) return false;
        if (entry.State == JournalState.Intended)
            Journal.Move(clOrdId, JournalState.Unknown);
        var next = order?.State switch
        {
            null => JournalState.Rejected,
            OrderState.Filled => JournalState.Filled,
            OrderState.Canceled => JournalState.Canceled,
            OrderState.Rejected => JournalState.Rejected,
            OrderState.PartiallyFilled => JournalState.PartiallyFilled,
            _ => JournalState.Accepted,
        };
        entry = Journal.Find(clOrdId)!;
        if (next != entry.State && OrderJournal.CanMove(entry.State, next))
            Journal.Move(clOrdId, next, order?.OrdId);
        if (next is JournalState.Filled or JournalState.Canceled or JournalState.Rejected)
            _books.Release(entry.AgentId, clOrdId);
        return true;
    }
}
