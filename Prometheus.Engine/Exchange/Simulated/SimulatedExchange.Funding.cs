using System.Globalization;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Funding on swap positions, as OKX settles it: at every funding time T (00:00, 08:00, 16:00 UTC) each open position
/// pays or receives <c>size × ctVal × mark × rate</c> (a long pays a positive rate, a short receives it), booked to the
/// quote balance as a bill. A payment of zero makes no bill.
/// Rules:
/// - T is settled on the position made of the fills stamped before T, as the ledgers share it out: funding due by the
///   clock is settled before anything else moves a swap position (a bar's resting fills and liquidation, an order, an
///   outside event). The mark is the last bar's close then: the close of the bar that reaches T when a bar brings it.
/// - No funding is settled for time before the exchange first saw a bar of the swap; a bar that skips several funding
///   times settles each of them once, at its own rate, at that bar's close.
/// - The next funding time is part of the exchange's state (committed with the bills it made), so a restored exchange
///   settles each funding time exactly once.
/// </summary>
public sealed partial class SimulatedExchange
{
    private readonly FundingRates? _funding;
    /// <summary>Every bill, by funding time then bill id (each swap's bills come in time order; two swaps may interleave).</summary>
    private readonly List<FundingBill> _fundingBills = [];
    private long _lastBillId;

    /// <summary>Funding settled at or after <paramref name="sinceMs"/>, oldest first.</summary>
    public ValueTask<IReadOnlyList<FundingBill>> GetFundingBillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default)
    {
        EnsureUsable();
        var from = sinceMs is { } since ? FirstBillAtOrAfter(since) : 0;
        var bills = new List<FundingBill>(_fundingBills.Count - from);
        for (var i = from; i < _fundingBills.Count; i++)
        {
            var bill = _fundingBills[i];
            if (instId is null || bill.InstId == instId)
                bills.Add(bill);
        }
        return new(bills);
    }

    private int FirstBillAtOrAfter(long sinceMs)
    {
        int lo = 0, hi = _fundingBills.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_fundingBills[mid].FundingTimeMs < sinceMs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Settles every funding time of <paramref name="book"/> the clock has reached; the first call only schedules the next one.</summary>
    private void SettleFunding(InstrumentBook book)
    {
        if (_funding is null || !book.IsSwap || !book.HasBar) return;
        var now = NowMs();
        if (book.NextFundingMs == 0)
        {
            book.NextFundingMs = FundingRates.NextAfter(now);
            _journal?.FundingMoved = true;
            return;
        }
        if (book.NextFundingMs > now) return;
        var mark = book.LastBar.Close;
        do
        {
            var rate = _funding.RateAt(book.Instrument.InstId, book.NextFundingMs);
            Charge(book, book.Long!, rate, mark);
            Charge(book, book.Short!, rate, mark);
            book.NextFundingMs += FundingRates.PeriodMs;
        }
        while (book.NextFundingMs <= now);
        _journal?.FundingMoved = true;
    }

    private void Charge(InstrumentBook book, SimulatedPosition position, FundingRate rate, decimal mark)
    {
        if (position.Size == 0m) return;
        var instrument = book.Instrument;
        var payment = SimulatedMoney.Round(instrument.Notional(position.Size, mark) * rate.Rate);
        if (payment == 0m) return;
        var change = position.Side == PositionSide.Long ? -payment : payment;
        var quote = Quote;
        quote.Total += change;
        var billId = (++_lastBillId).ToString(CultureInfo.InvariantCulture);
        AddBill(new FundingBill(billId, instrument.InstId, position.Side, rate.FundingTimeMs, position.Size, mark, rate.Rate,
            change, _quoteCcy, quote.Total));
    }

    /// <summary>Keeps the list in (funding time, bill id) order: a new bill goes after every bill of its time or earlier.</summary>
    private void AddBill(FundingBill bill)
    {
        var index = _fundingBills.Count;
        while (index > 0 && _fundingBills[index - 1].FundingTimeMs > bill.FundingTimeMs)
            index--;
        _fundingBills.Insert(index, bill);
        _journal?.NewBills.Add(bill);
    }
}
