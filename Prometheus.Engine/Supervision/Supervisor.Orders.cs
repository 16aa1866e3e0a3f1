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
    public int ExchangeRejects => _desk.ExchangeRejects;

    /// <summary>An exchange call failed without an answer the engine can use (raised on the loop); the engine carries on.</summary>
    public event Action<Exception>? ExchangeFailed
    {
        add => _desk.ExchangeFailed += value;
        remove => _desk.ExchangeFailed -= value;
    }

    /// <summary>An order is about to go to the exchange (journalled, funds reserved; raised on the loop).</summary>
    public event Action<OrderRequest>? OrderSent
    {
        add => _desk.OrderSent += value;
        remove => _desk.OrderSent -= value;
    }

    /// <summary>The exchange answered an order, or the answer never came (a null ack), with the wall time it took. Raised on the loop.</summary>
    public event Action<OrderRequest, OrderAck?, TimeSpan>? OrderAnswered
    {
        add => _desk.OrderAnswered += value;
        remove => _desk.OrderAnswered -= value;
    }

    /// <summary>A fill was booked (raised on the loop just before <see cref="TradeBooked"/>), with the wall time the booking took.</summary>
    public event Action<TradeRecord, TimeSpan>? BookingTimed
    {
        add => _books.BookingTimed += value;
        remove => _books.BookingTimed -= value;
    }

    /// <summary>A failure of the exchange or the way to it, as opposed to a bug of the engine's.</summary>
    public static bool IsExchangeFailure(Exception e) => OrderDesk.IsExchangeFailure(e);

    /// <summary>Fills booked, and the wall time spent booking them.</summary>
    public long Bookings => _books.Bookings;
    public double BookingSeconds => _books.BookingSeconds;

    /// <summary>
    /// Emergency: closes every open position at market, bypassing pre-trade checks; each trade is recorded with
    /// origin Emergency.
    /// </summary>
    public async ValueTask CloseAllAsync(CancellationToken ct = default)
    {
        foreach (var agent in Living.ToList())
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

        SystemRisk.CountOrder();
        await _desk.SendAsync(intent, now, ct);
    }

    private ValueTask DrainFillsAsync(CancellationToken ct) => _desk.DrainFillsAsync(ct);

    /// <summary>Routes one confirmed fill to its agent and books it (idempotent: a fill already booked is ignored).</summary>
    internal void Route(ExchangeFill fill)
    {
        var agentId = ClOrdIds.AgentOf(fill.ClOrdId);
        if (agentId is { } id && Agents.TryGetValue(id, out var agent))
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
        var holders = Agents.Values
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
