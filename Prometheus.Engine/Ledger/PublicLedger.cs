using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Ledger;

/// <summary>
/// Every booked trade of every agent, the agents' private ledgers, and running aggregates per (instrument, side)
/// that reconciliation compares with the exchange's positions.
/// Invariants (tested): the public records are exactly the union of the private records; a fill is booked at most
/// once (keyed by instrument and exchange trade id); only the Supervisor's key writes.
/// </summary>
public sealed class PublicLedger
{
    private readonly List<TradeRecord> _records = [];
    private readonly HashSet<string> _booked = new(StringComparer.Ordinal);
    private readonly List<FundingRecord> _funding = [];
    private readonly HashSet<(string InstId, long FundingTimeMs, PositionSide PosSide, int AgentId)> _fundingBooked = [];
    private long _nextFundingId = 1;
    private readonly Dictionary<int, PrivateLedger> _private = [];
    /// <summary>Σ over agents per (instrument, side), in the order first booked: a short list, scanned.</summary>
    private readonly List<SideTotals> _totals = [];
    private long _nextTradeId = 1;

    public IReadOnlyList<TradeRecord> Records => _records;
    /// <summary>Every agent's funding records, in booking order.</summary>
    public IReadOnlyList<FundingRecord> Funding => _funding;
    /// <summary>Net funding all agents paid (negative when they received more than they paid).</summary>
    public decimal FundingTotal { get; private set; }
    public IReadOnlyDictionary<int, PrivateLedger> PrivateLedgers => _private;
    /// <summary>Σ free capital of all private ledgers.</summary>
    public decimal CashTotal { get; private set; }
    public decimal FeesTotal { get; private set; }
    public decimal RealizedTotal { get; private set; }

    public PrivateLedger Private(int agentId) => _private[agentId];

    /// <summary>Σ of the agents' positions on (instrument, side): what the exchange's position must equal.</summary>
    public decimal PositionAmount(Instrument instrument, PositionSide side) => Find(instrument.InstId, side)?.Amount ?? 0m;

    private SideTotals? Find(string instId, PositionSide side)
    {
        foreach (var t in _totals)
            if (t.Side == side && string.Equals(t.Instrument.InstId, instId, StringComparison.Ordinal)) return t;
        return null;
    }

    private SideTotals Totals(Instrument instrument, PositionSide side)
    {
        if (Find(instrument.InstId, side) is { } found) return found;
        var added = new SideTotals(instrument, side);
        _totals.Add(added);
        return added;
    }

    /// <summary>What all agents hold on one (instrument, side): amount, Σ amount × average price, and margin.</summary>
    private sealed class SideTotals(Instrument instrument, PositionSide side)
    {
        public Instrument Instrument { get; } = instrument;
        public PositionSide Side { get; } = side;
        public decimal Amount;
        public decimal AmountTimesPrice;
        public decimal Margin;
    }

    public bool IsBooked(string instId, string exchangeTradeId) => _booked.Contains(Key(instId, exchangeTradeId));

    /// <summary>Equity held by all agents at the given marks: free capital plus every position's value.</summary>
    public decimal Equity(MarkPrices marks)
    {
        var equity = CashTotal;
        foreach (var t in _totals)
        {
            if (t.Amount == 0m && t.Margin == 0m) continue;
            var sign = t.Side == PositionSide.Long ? 1m : -1m;
            equity += t.Margin + (marks[t.Instrument] * t.Amount - t.AmountTimesPrice) * t.Instrument.ContractValue * sign;
        }
        return equity;
    }

    /// <summary>
    /// The agents' positions at the marks, in quote currency: net (long minus short, spot and swap together) and gross
    /// (every position counted positive).
    /// </summary>
    public (decimal Net, decimal Gross) Exposure(MarkPrices marks)
    {
        decimal net = 0m, gross = 0m;
        foreach (var t in _totals)
        {
            if (t.Amount == 0m) continue;
            var notional = t.Instrument.Notional(t.Amount, marks[t.Instrument]);
            net += t.Side == PositionSide.Long ? notional : -notional;
            gross += notional;
        }
        return (net, gross);
    }

    /// <summary>The id the next booked trade will get.</summary>
    public long NextTradeId => _nextTradeId;

    /// <summary>
    /// Rebuilds the public ledger from the saved private ledgers and every trade record: the aggregates, totals and
    /// the set of booked exchange trades are recomputed, not trusted.
    /// </summary>
    internal static PublicLedger Restore(SupervisorKey key, InstrumentCatalog instruments, IEnumerable<PrivateLedgerState> ledgers,
        IReadOnlyList<TradeRecord> records, IReadOnlyList<FundingRecord>? funding = null)
    {
        SupervisorKey.Demand(key);
        var ledger = new PublicLedger();
        var ordered = IsOrdered(records) ? records : [.. records.OrderBy(r => r.TradeId)];
        var byAgent = new Dictionary<int, List<TradeRecord>>();
        foreach (var record in ordered)
        {
            if (!byAgent.TryGetValue(record.AgentId, out var own)) byAgent[record.AgentId] = own = [];
            own.Add(record);
        }
        var fundingOrdered = funding is null ? [] : funding.OrderBy(f => f.FundingId).ToList();
        var fundingByAgent = fundingOrdered.GroupBy(f => f.AgentId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var state in ledgers)
        {
            var book = PrivateLedger.Restore(key, instruments, state, byAgent.GetValueOrDefault(state.AgentId) ?? [],
                fundingByAgent.GetValueOrDefault(state.AgentId));
            ledger._private.Add(state.AgentId, book);
            ledger.CashTotal += book.Capital;
            foreach (var lot in book.OpenPositions)
            {
                var totals = ledger.Totals(lot.Instrument, lot.Side);
                totals.Amount += lot.Amount;
                totals.AmountTimesPrice += lot.Amount * lot.AveragePrice;
                totals.Margin += lot.Margin;
            }
        }
        ledger._records.Capacity = ordered.Count;
        foreach (var record in ordered)
        {
            ledger._records.Add(record);
            ledger._booked.Add(Key(record.InstId, record.ExchangeTradeId));
            ledger.FeesTotal += record.Fee;
            ledger.RealizedTotal += record.RealizedPnl;
            ledger._nextTradeId = Math.Max(ledger._nextTradeId, record.TradeId + 1);
        }
        foreach (var record in fundingOrdered)
        {
            ledger._funding.Add(record);
            ledger._fundingBooked.Add((record.InstId, record.FundingTimeMs, record.PosSide, record.AgentId));
            ledger.FundingTotal += record.Paid;
            ledger._nextFundingId = Math.Max(ledger._nextFundingId, record.FundingId + 1);
        }
        return ledger;
    }

    private static bool IsOrdered(IReadOnlyList<TradeRecord> records)
    {
        for (var i = 1; i < records.Count; i++)
            if (records[i].TradeId <= records[i - 1].TradeId) return false;
        return true;
    }

    /// <summary>Replaces the record of the same trade id (a repair after public and private disagreed); false when there is none.</summary>
    internal bool Replace(SupervisorKey key, TradeRecord record)
    {
        SupervisorKey.Demand(key);
        if (!TradeRecord.ReplaceById(_records, record)) return false;
        Replacements++;
        return true;
    }

    /// <summary>How many records were replaced in place: a reader that copies records by count knows to copy again.</summary>
    public int Replacements { get; private set; }

    internal PrivateLedger OpenAccount(SupervisorKey key, int agentId, decimal capital)
    {
        SupervisorKey.Demand(key);
        if (_private.ContainsKey(agentId))
            throw new InvalidOperationException($"Agent {agentId} already has a private ledger.");
        var ledger = new PrivateLedger(agentId, capital);
        _private[agentId] = ledger;
        CashTotal += capital;
        return ledger;
    }

    internal void Fund(SupervisorKey key, int agentId, decimal amount)
    {
        _private[agentId].Fund(key, amount);
        CashTotal += amount;
    }

    /// <summary>
    /// Books a confirmed fill into the public ledger and the agent's private ledger in one step.
    /// Returns null when this exchange trade was booked before: booking twice changes nothing.
    /// </summary>
    internal Booking? Book(SupervisorKey key, ExchangeFill fill, int agentId, Instrument instrument, decimal leverage,
        double confidence, TradeOrigin origin)
    {
        SupervisorKey.Demand(key);
        if (fill.Size <= 0m || fill.Price <= 0m)
            throw new ArgumentException($"Fill {fill.TradeId} has no size or price.", nameof(fill));
        var bookingKey = Key(fill.InstId, fill.TradeId);
        if (_booked.Contains(bookingKey))
            return null;
        var ledger = _private[agentId];
        var lot = ledger.Position(instrument, fill.PosSide);
        var (side, realized) = Classify(fill, instrument, lot);
        if (fill.IsLiquidation && side.IsClosing() && lot is { IsOpen: true })
        {
            var released = PrivateLedger.ReleasedMargin(lot, fill.Size);
            if (released + realized - fill.Fee < 0m)
                realized = fill.Fee - released; // a liquidation loses the margin, never more
        }

        var record = new TradeRecord(_nextTradeId, agentId, fill.InstId, side, fill.PosSide, fill.Size, fill.Price, fill.Fee,
            fill.OrdId, fill.ClOrdId, fill.TradeId, fill.TimestampMs, confidence, realized, origin);

        var (amountBefore, valueBefore, marginBefore) = Contribution(lot);
        var effect = ledger.Apply(key, record, instrument, leverage);
        lot = ledger.Position(instrument, fill.PosSide);
        var (amountAfter, valueAfter, marginAfter) = Contribution(lot);

        var totals = Totals(instrument, fill.PosSide);
        totals.Amount += amountAfter - amountBefore;
        totals.AmountTimesPrice += valueAfter - valueBefore;
        totals.Margin += marginAfter - marginBefore;
        CashTotal += effect.CashDelta;
        FeesTotal += record.Fee;
        RealizedTotal += effect.RealizedPnl;
        _records.Add(record);
        _booked.Add(bookingKey);
        _nextTradeId++;
        return new Booking(record, effect);
    }

    /// <summary>Whether this agent's share of that funding settlement is booked.</summary>
    public bool IsFundingBooked(string instId, long fundingTimeMs, PositionSide posSide, int agentId) =>
        _fundingBooked.Contains((instId, fundingTimeMs, posSide, agentId));

    /// <summary>
    /// Books an agent's share of a funding settlement into the public ledger and its private ledger in one step.
    /// Returns null when that share was booked before: booking twice changes nothing.
    /// </summary>
    internal FundingRecord? BookFunding(SupervisorKey key, int agentId, string instId, PositionSide posSide, long fundingTimeMs,
        decimal positionAmount, decimal rate, decimal markPrice, decimal paid, string billId)
    {
        SupervisorKey.Demand(key);
        if (!_fundingBooked.Add((instId, fundingTimeMs, posSide, agentId)))
            return null;
        var record = new FundingRecord(_nextFundingId, agentId, instId, posSide, fundingTimeMs, positionAmount, rate, markPrice, paid, billId);
        _private[agentId].ApplyFunding(key, record);
        _funding.Add(record);
        CashTotal -= paid;
        FundingTotal += paid;
        _nextFundingId++;
        return record;
    }

    /// <summary>The id the next funding record will get.</summary>
    public long NextFundingId => _nextFundingId;

    /// <summary>SHA-256 over every trade record, then every funding record, in booking order, in an invariant text form: equal ledgers, equal hashes.</summary>
    public string ComputeHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024];
        var inv = CultureInfo.InvariantCulture;
        foreach (var r in _records)
        {
            // Formatted straight into UTF-8: a million records must not cost a million strings.
            if (!System.Text.Unicode.Utf8.TryWrite(buffer, inv,
                    $"{r.TradeId}|{r.AgentId}|{r.InstId}|{r.Side.ToWire()}|{r.PosSide}|{r.Amount}|{r.Price}|{r.Fee}|{r.OrdId}|{r.ClOrdId}|{r.ExchangeTradeId}|{r.TimestampMs}|{r.Confidence:R}|{r.RealizedPnl}|{r.Origin.HashName()}\n",
                    out var written))
                throw new InvalidOperationException($"Trade record {r.TradeId} does not fit the hash buffer.");
            hash.AppendData(buffer, 0, written);
        }
        foreach (var f in _funding)
        {
            if (!System.Text.Unicode.Utf8.TryWrite(buffer, inv,
                    $"F|{f.FundingId}|{f.AgentId}|{f.InstId}|{f.PosSide}|{f.FundingTimeMs}|{f.PositionAmount}|{f.Rate}|{f.MarkPrice}|{f.Paid}|{f.BillId}\n",
                    out var written))
                throw new InvalidOperationException($"Funding record {f.FundingId} does not fit the hash buffer.");
            hash.AppendData(buffer, 0, written);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static (TradeSide Side, decimal Realized) Classify(ExchangeFill fill, Instrument instrument, PositionLot? lot)
    {
        var isOpen = lot is { IsOpen: true };
        if (fill.PosSide == PositionSide.Long)
        {
            if (fill.Side == OrderSide.Buy)
                return (isOpen ? TradeSide.Add : TradeSide.Buy, 0m);
            var closed = Math.Min(fill.Size, lot?.Amount ?? 0m);
            return (TradeSide.Sell, isOpen ? (fill.Price - lot!.AveragePrice) * closed * instrument.ContractValue : 0m);
        }
        if (fill.Side == OrderSide.Sell)
            return (isOpen ? TradeSide.AddShort : TradeSide.Short, 0m);
        var covered = Math.Min(fill.Size, lot?.Amount ?? 0m);
        return (TradeSide.Cover, isOpen ? (lot!.AveragePrice - fill.Price) * covered * instrument.ContractValue : 0m);
    }

    private static (decimal Amount, decimal AmountTimesPrice, decimal Margin) Contribution(PositionLot? lot) =>
        lot is { IsOpen: true } ? (lot.Amount, lot.Amount * lot.AveragePrice, lot.Margin) : (0m, 0m, 0m);

    private static string Key(string instId, string tradeId) => string.Concat(instId, "/", tradeId);
}
