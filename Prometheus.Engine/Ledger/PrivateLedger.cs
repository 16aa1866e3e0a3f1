using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Ledger;

/// <summary>
/// One agent's own books: free capital, reserved buying power, positions per (instrument, side), its trades.
/// Invariant (tested): Capital + Σ position value + FeesPaid + FundingPaid = InitialCapital + Funded + RealizedPnl + Σ unrealized PnL,
/// where Funded is the net capital the Mastermind moved in or out after birth.
/// Readable by anyone; writable only with the Supervisor's key.
/// </summary>
public sealed class PrivateLedger(int agentId, decimal initialCapital)
{
    /// <summary>One lot per (instrument, side) ever held, in the order first held; an agent holds a handful at most.</summary>
    private readonly List<PositionLot> _slots = [];
    private readonly List<TradeRecord> _history = [];
    private readonly List<FundingRecord> _funding = [];
    private readonly Dictionary<string, decimal> _reservations = new(StringComparer.Ordinal);

    public int AgentId { get; } = agentId;
    public decimal InitialCapital { get; } = initialCapital;
    /// <summary>Free cash: what is not locked as margin or cost in an open position.</summary>
    public decimal Capital { get; private set; } = initialCapital;
    /// <summary>Buying power held for orders sent and not yet filled, rejected or cancelled.</summary>
    public decimal Reserved { get; private set; }
    public decimal Available => Capital - Reserved;
    public decimal Funded { get; private set; }
    /// <summary>What the agent was given: starting capital plus what the Mastermind moved in or out since.</summary>
    public decimal BaseCapital => InitialCapital + Funded;
    /// <summary><see cref="BaseCapital"/> as a double, for per-bar sizing ratios.</summary>
    public double BaseCapitalValue { get; private set; } = (double)initialCapital;
    public decimal FeesPaid { get; private set; }
    /// <summary>Net funding paid on swap positions (negative when more was received than paid).</summary>
    public decimal FundingPaid { get; private set; }
    public decimal RealizedPnl { get; private set; }
    public IReadOnlyList<TradeRecord> History => _history;
    public IReadOnlyList<FundingRecord> Funding => _funding;
    public IReadOnlyDictionary<string, decimal> Reservations => _reservations;

    public PositionLot? Position(Instrument instrument, PositionSide side) => Lot(instrument.InstId, side);

    private PositionLot? Lot(string instId, PositionSide side)
    {
        foreach (var lot in _slots)
            if (lot.Side == side && string.Equals(lot.Instrument.InstId, instId, StringComparison.Ordinal)) return lot;
        return null;
    }

    /// <summary>Open positions by symbol, then long before short (a stable order, whatever order they were opened in).</summary>
    public IEnumerable<PositionLot> OpenPositions =>
        _slots.Where(p => p.IsOpen).OrderBy(p => p.Instrument.InstId, StringComparer.Ordinal).ThenBy(p => p.Side);

    public int OpenPositionCount
    {
        get
        {
            var n = 0;
            foreach (var lot in _slots)
                if (lot.IsOpen) n++;
            return n;
        }
    }

    public decimal PositionValue(MarkPrices marks)
    {
        var value = 0m;
        foreach (var lot in _slots)
            if (lot.IsOpen) value += lot.Value(marks[lot.Instrument]);
        return value;
    }

    public decimal UnrealizedPnl(MarkPrices marks)
    {
        var pnl = 0m;
        foreach (var lot in _slots)
            if (lot.IsOpen) pnl += lot.UnrealizedPnl(marks[lot.Instrument]);
        return pnl;
    }

    public decimal Equity(MarkPrices marks) => Capital + PositionValue(marks);

    /// <summary>Net PnL so far: realized less fees and funding plus what open positions would realize at the marks.</summary>
    public decimal Pnl(MarkPrices marks) => RealizedPnl - FeesPaid - FundingPaid + UnrealizedPnl(marks);

    public PrivateLedgerState Save() => new(AgentId, InitialCapital, Capital, Funded, FeesPaid, RealizedPnl,
        [.. OpenPositions.Select(p => new PositionState(p.Instrument.InstId, p.Side, p.Amount, p.AveragePrice, p.OpenedAtMs, p.Margin, p.OpenFees))],
        new Dictionary<string, decimal>(_reservations, StringComparer.Ordinal), FundingPaid);

    /// <summary>
    /// The amount this agent held on (instrument, side) just before <paramref name="timeMs"/>: the position now, less
    /// what the trades booked at or after that time changed. Funding is shared out by it.
    /// </summary>
    public decimal PositionBefore(Instrument instrument, PositionSide side, long timeMs)
    {
        var amount = Position(instrument, side)?.Amount ?? 0m;
        for (var i = _history.Count - 1; i >= 0; i--)
        {
            var r = _history[i];
            if (r.TimestampMs < timeMs) break;
            if (r.PosSide != side || r.InstId != instrument.InstId) continue;
            amount -= r.Side.IsClosing() ? -r.Amount : r.Amount;
        }
        return amount;
    }

    /// <summary>Rebuilds a private ledger from its saved state and its own trade records (in booking order).</summary>
    internal static PrivateLedger Restore(SupervisorKey key, InstrumentCatalog instruments, PrivateLedgerState state,
        IEnumerable<TradeRecord> history, IEnumerable<FundingRecord>? funding = null)
    {
        SupervisorKey.Demand(key);
        var ledger = new PrivateLedger(state.AgentId, state.InitialCapital)
        {
            Capital = state.Capital,
            Funded = state.Funded,
            FeesPaid = state.FeesPaid,
            FundingPaid = state.FundingPaid,
            RealizedPnl = state.RealizedPnl,
        };
        ledger.BaseCapitalValue = (double)ledger.BaseCapital;
        foreach (var p in state.Positions)
        {
            ledger._slots.Add(new PositionLot(instruments.Get(p.InstId), p.PosSide)
            {
                Amount = p.Amount,
                AveragePrice = p.AveragePrice,
                AveragePriceValue = (double)p.AveragePrice,
                OpenedAtMs = p.OpenedAtMs,
                Margin = p.Margin,
                MarginValue = (double)p.Margin,
                OpenFees = p.OpenFees,
            });
        }
        foreach (var (clOrdId, amount) in state.Reservations)
        {
            ledger._reservations[clOrdId] = amount;
            ledger.Reserved += amount;
        }
        ledger._history.AddRange(history);
        if (funding is not null) ledger._funding.AddRange(funding);
        return ledger;
    }

    /// <summary>Replaces the record of the same trade id in this ledger's history; false when there is none.</summary>
    internal bool Replace(SupervisorKey key, TradeRecord record)
    {
        SupervisorKey.Demand(key);
        if (!TradeRecord.ReplaceById(_history, record)) return false;
        Replacements++;
        return true;
    }

    /// <summary>How many records were replaced in place: a reader that copies records by count knows to copy again.</summary>
    public int Replacements { get; private set; }

    internal void Reserve(SupervisorKey key, string clOrdId, decimal amount)
    {
        SupervisorKey.Demand(key);
        if (amount <= 0m) return;
        _reservations[clOrdId] = amount;
        Reserved += amount;
    }

    internal void Release(SupervisorKey key, string clOrdId)
    {
        SupervisorKey.Demand(key);
        if (_reservations.Remove(clOrdId, out var amount))
            Reserved -= amount;
    }

    /// <summary>Moves capital in (positive) or out (negative) on the Mastermind's decision.</summary>
    internal void Fund(SupervisorKey key, decimal amount)
    {
        SupervisorKey.Demand(key);
        Capital += amount;
        Funded += amount;
        BaseCapitalValue = (double)BaseCapital;
    }

    /// <summary>Decimal places kept for average prices, margins and fee shares, so sums of them stay exact.</summary>
    internal const int Precision = 12;

    /// <summary>Margin (or cost, on spot) a close of <paramref name="amount"/> frees, proportional to the lot closed.</summary>
    internal static decimal ReleasedMargin(PositionLot lot, decimal amount) =>
        amount >= lot.Amount ? lot.Margin : decimal.Round(lot.Margin * amount / lot.Amount, Precision);

    /// <summary>Books this agent's share of a funding settlement: its capital pays it (or receives it when negative).</summary>
    internal void ApplyFunding(SupervisorKey key, FundingRecord record)
    {
        SupervisorKey.Demand(key);
        Capital -= record.Paid;
        FundingPaid += record.Paid;
        _funding.Add(record);
    }

    internal FillEffect Apply(SupervisorKey key, TradeRecord record, Instrument instrument, decimal leverage)
    {
        SupervisorKey.Demand(key);
        var lot = Lot(instrument.InstId, record.PosSide);
        if (lot is null) _slots.Add(lot = new PositionLot(instrument, record.PosSide));
        var opening = record.Side is TradeSide.Buy or TradeSide.Add or TradeSide.Short or TradeSide.AddShort;
        FillEffect effect;
        if (opening)
        {
            var cost = instrument.Notional(record.Amount, record.Price);
            var margin = instrument.Kind == InstrumentKind.Spot ? cost : decimal.Round(cost / leverage, Precision);
            var newAmount = lot.Amount + record.Amount;
            lot.AveragePrice = decimal.Round((lot.AveragePrice * lot.Amount + record.Price * record.Amount) / newAmount, Precision);
            lot.AveragePriceValue = (double)lot.AveragePrice;
            if (!lot.IsOpen) lot.OpenedAtMs = record.TimestampMs;
            lot.Amount = newAmount;
            lot.Margin += margin;
            lot.MarginValue = (double)lot.Margin;
            lot.OpenFees += record.Fee;
            var delta = -margin - record.Fee;
            Capital += delta;
            effect = new FillEffect(record.Side, 0m, delta, null, 0, false);
        }
        else
        {
            var closeAll = record.Amount >= lot.Amount;
            var released = ReleasedMargin(lot, record.Amount);
            var openFeeShare = closeAll ? lot.OpenFees : decimal.Round(lot.OpenFees * record.Amount / lot.Amount, Precision);
            var realized = record.RealizedPnl;
            var delta = released + realized - record.Fee;
            var held = record.TimestampMs - lot.OpenedAtMs;
            lot.Amount -= record.Amount;
            lot.Margin -= released;
            lot.MarginValue = (double)lot.Margin;
            lot.OpenFees -= openFeeShare;
            if (!lot.IsOpen)
            {
                lot.Amount = 0m;
                lot.AveragePrice = 0m;
                lot.AveragePriceValue = 0;
                lot.Margin = 0m;
                lot.MarginValue = 0;
                lot.OpenFees = 0m;
            }
            Capital += delta;
            RealizedPnl += realized;
            effect = new FillEffect(record.Side, realized, delta, realized - record.Fee - openFeeShare, held, !lot.IsOpen);
        }
        FeesPaid += record.Fee;
        _history.Add(record);
        return effect;
    }
}
