using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Supervision;

/// <summary>The order path: intent → risk → journal → reserve → exchange → confirmed fills → booking.</summary>
public sealed partial class Supervisor
{
    private readonly Dictionary<string, ExchangeFill> _unattributed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allocatedLiquidations = new(StringComparer.Ordinal);

    /// <summary>Fills no agent can own (unknown clOrdId, a trade by hand): kept for reconciliation to show as orphans.</summary>
    public IReadOnlyCollection<ExchangeFill> UnattributedFills => _unattributed.Values;
    public int ExchangeRejects { get; private set; }

    /// <summary>An exchange call failed without an answer the engine can use (raised on the loop); the engine carries on.</summary>
    public event Action<Exception>? ExchangeFailed;

    /// <summary>An order is about to go to the exchange (journalled, funds reserved; raised on the loop).</summary>
    public event Action<OrderRequest>? OrderSent;

    /// <summary>
    /// The exchange answered an order (accepted, or rejected with its code), or the answer never came (a null ack: outcome
    /// unknown); with the wall time from sending to the answer. Raised on the loop.
    /// </summary>
    public event Action<OrderRequest, OrderAck?, TimeSpan>? OrderAnswered;

    /// <summary>A fill was booked (raised on the loop just before <see cref="TradeBooked"/>), with the wall time the booking took.</summary>
    public event Action<TradeRecord, TimeSpan>? BookingTimed
    {
        add => _books.BookingTimed += value;
        remove => _books.BookingTimed -= value;
    }

    /// <summary>A failure of the exchange or the way to it, as opposed to a bug of the engine's.</summary>
    public static bool IsExchangeFailure(Exception e) =>
        e is TimeoutException or HttpRequestException or IOException or ExchangeException or System.Net.WebSockets.WebSocketException;

    /// <summary>Fills booked, and the wall time spent booking them.</summary>
    public long Bookings => _books.Bookings;
    public double BookingSeconds => _books.BookingSeconds;

    /// <summary>
    /// Emergency: closes every open position at market, bypassing pre-trade checks; each trade is recorded with
    /// origin Emergency.
    /// </summary>
    public async ValueTask CloseAllAsync(CancellationToken ct = default)
    {
        foreach (var agent in _living.ToList())
            foreach (var lot in Ledger.Private(agent.Id).OpenPositions.ToList())
                await SubmitAsync(CloseIntent(agent, lot, TradeOrigin.Emergency, 1.0), bypassRisk: true, ct);
    }

    private OrderIntent? OpenIntent(Agent agent, PrivateLedger ledger, Decision decision)
    {
        var instrument = agent.Instrument;
        var price = Marks[instrument];
        if (price <= 0m) return null;
        var leverage = LeverageOf(instrument);
        var equity = ledger.Equity(Marks);
        var wanted = equity * (decimal)decision.SizeFraction;
        if (Mastermind.RiskAppetite != 1m) wanted *= Mastermind.RiskAppetite; // a person's risk appetite (intervention mode)
        var margin = Math.Min(wanted, ledger.Available / (1m + instrument.TakerFeeRate * leverage) * 0.99m);
        if (margin <= 0m) return null;
        var size = instrument.RoundDownToLot(margin * leverage / (price * instrument.ContractValue));
        if (size < instrument.MinSize) return null;
        var (side, posSide) = decision.Side == PositionSide.Long ? (OrderSide.Buy, PositionSide.Long) : (OrderSide.Sell, PositionSide.Short);
        return new OrderIntent(agent.Id, instrument, side, posSide, size, price, leverage, TradeOrigin.Decision, decision.Confidence);
    }

    private OrderIntent CloseIntent(Agent agent, PositionLot lot, TradeOrigin origin, double confidence)
    {
        var side = lot.Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
        return new OrderIntent(agent.Id, lot.Instrument, side, lot.Side, lot.Amount, Marks[lot.Instrument],
            LeverageOf(lot.Instrument), origin, confidence);
    }

    private decimal LeverageOf(Instrument instrument) =>
        instrument.Kind == InstrumentKind.Spot ? 1m : _options.Risk.SwapLeverage;

    private async ValueTask SubmitAsync(OrderIntent intent, bool bypassRisk, CancellationToken ct)
    {
        var ledger = Ledger.Private(intent.AgentId);
        var now = NowMs;
        if (!bypassRisk)
        {
            var (net, gross) = intent.ReducesExposure ? (0m, 0m) : Ledger.Exposure(Marks);
            var verdict = PreTradeRisk.Check(intent, ledger, ledger.Equity(Marks), SystemRisk.State, SystemRisk.OrdersToday, _options.Risk,
                SystemRisk.HaltReason, SystemRisk.StateReason, new PortfolioExposure(net, gross, Equity));
            if (!verdict.Allowed)
            {
                RiskLog.Record(new RiskDenial(now, intent.AgentId, verdict.Reason!.Value, verdict.Detail));
                return;
            }
        }

        var clOrdId = ClOrdIds.Next(intent.AgentId);
        var request = new OrderRequest(intent.Instrument.InstId, clOrdId, intent.Side, intent.PosSide, OrderType.Market, intent.Size,
            ReduceOnly: intent.ReducesExposure && intent.Instrument.Kind == InstrumentKind.Swap);
        Journal.Intend(intent.AgentId, clOrdId, request, intent.Origin, intent.Confidence, now);
        _books.Reserve(intent.AgentId, clOrdId, intent.RequiredBuyingPower(intent.Instrument.TakerFeeRate));
        SystemRisk.CountOrder();

        OrderAck ack;
        OrderSent?.Invoke(request);
        var sentAt = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            ack = await _exchange.PlaceOrderAsync(request, ct);
        }
        catch (Exception e) when (IsExchangeFailure(e))
        {
            // Outcome unknown: never assume it failed. The order is looked up by clOrdId on the next cycle.
            Journal.Move(clOrdId, JournalState.Unknown);
            OrderAnswered?.Invoke(request, null, System.Diagnostics.Stopwatch.GetElapsedTime(sentAt));
            ExchangeFailed?.Invoke(e);
            return;
        }
        OrderAnswered?.Invoke(request, ack, System.Diagnostics.Stopwatch.GetElapsedTime(sentAt));
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

    private async ValueTask SettleOpenOrdersAsync(CancellationToken ct)
    {
        if (Journal.Open.Count == 0) return;
        foreach (var clOrdId in Journal.Open.Select(e => e.ClOrdId).ToList())
            await SettleAsync(clOrdId, ct);
    }

    private async ValueTask DrainFillsAsync(CancellationToken ct)
    {
        DrainFills();
        await SettleOpenOrdersAsync(ct);
    }

    private void DrainFills()
    {
        while (_exchange.Fills.TryRead(out var fill))
            Route(fill);
    }

    /// <summary>Routes one confirmed fill to its agent and books it (idempotent: a fill already booked is ignored).</summary>
    internal void Route(ExchangeFill fill)
    {
        var agentId = ClOrdIds.AgentOf(fill.ClOrdId);
        if (agentId is { } id && _agents.TryGetValue(id, out var agent))
        {
            var entry = Journal.Find(fill.ClOrdId);
            if (entry is not null) entry.FilledSize += fill.Size;
            Book(agent, fill, entry?.Origin ?? TradeOrigin.Decision, entry?.Confidence ?? 0);
            if (entry is { State: JournalState.Accepted })
                Journal.Move(fill.ClOrdId, JournalState.PartiallyFilled);
            return;
        }
        var key = string.Concat(fill.InstId, "/", fill.TradeId);
        if (fill.IsLiquidation && (_allocatedLiquidations.Contains(key) || AllocateLiquidation(fill)))
        {
            _allocatedLiquidations.Add(key);
            return;
        }
        _unattributed.TryAdd(key, fill);
    }

    /// <summary>
    /// The exchange liquidated an aggregate position: each agent holding that (instrument, side) is booked its
    /// part, pro rata, under a derived trade id so replays stay idempotent.
    /// </summary>
    private bool AllocateLiquidation(ExchangeFill fill)
    {
        var instrument = _options.Instruments.Get(fill.InstId);
        var holders = _agents.Values
            .Select(a => (Agent: a, Lot: Ledger.Private(a.Id).Position(instrument, fill.PosSide)))
            .Where(h => h.Lot is { IsOpen: true })
            .OrderBy(h => h.Agent.Id)
            .ToList();
        if (holders.Count == 0) return false;
        var total = holders.Sum(h => h.Lot!.Amount);
        var remaining = fill.Size;
        for (var i = 0; i < holders.Count && remaining > 0m; i++)
        {
            var (agent, lot) = holders[i];
            var size = i == holders.Count - 1 ? remaining : Math.Min(remaining, total == fill.Size ? lot!.Amount : instrument.RoundDownToLot(fill.Size * lot!.Amount / total));
            if (size <= 0m) continue;
            remaining -= size;
            var part = fill with
            {
                TradeId = $"{fill.TradeId}-{agent.Id}",
                Size = size,
                Fee = decimal.Round(fill.Fee * size / fill.Size, 12),
            };
            Book(agent, part, TradeOrigin.Liquidation, 0);
        }
        return true;
    }

    private void Book(Agent agent, ExchangeFill fill, TradeOrigin origin, double confidence)
    {
        var instrument = _options.Instruments.Get(fill.InstId);
        _books.Book(agent, fill, instrument, LeverageOf(instrument), confidence, origin, booking =>
        {
            Remember(agent, booking);
            MarkDirty(agent.Id);
        });
    }

    /// <summary>What the agent keeps of a fill booked for it: its trade count and, for a closed round trip, its record and mood.</summary>
    private void Remember(Agent agent, Booking booking)
    {
        agent.Trades++;
        if (booking.Effect.NetRoundTrip is not { } net || !booking.Record.Side.IsClosing()) return;
        agent.RoundTrips++;
        agent.TotalHoldingMs += booking.Effect.HoldingMs;
        var baseCapital = Ledger.Private(agent.Id).BaseCapital;
        if (net > 0m)
        {
            agent.Wins++;
            agent.ConsecutiveWins++;
            agent.ConsecutiveLosses = 0;
            agent.MaxConsecutiveWins = Math.Max(agent.MaxConsecutiveWins, agent.ConsecutiveWins);
        }
        else
        {
            agent.Losses++;
            agent.ConsecutiveLosses++;
            agent.ConsecutiveWins = 0;
            agent.MaxConsecutiveLosses = Math.Max(agent.MaxConsecutiveLosses, agent.ConsecutiveLosses);
        }
        agent.Emotions = agent.Emotions.AfterTrade(baseCapital > 0m ? (double)(net / baseCapital) : 0);
    }
}
