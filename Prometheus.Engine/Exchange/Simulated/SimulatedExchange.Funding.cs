using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Funding on swap positions, as OKX settles it: at every funding time (00:00, 08:00, 16:00 UTC) each open position
/// pays or receives <c>size × ctVal × mark × rate</c> (a long pays a positive rate, a short receives it), booked to the
/// quote balance as a bill. The mark is the close of the bar that reaches the funding time. Settled before the bar's
/// liquidation check, so a position liquidated on that bar still paid for the period it was held.
/// </summary>
public sealed partial class SimulatedExchange
{
    private readonly FundingRates? _funding;
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

    private void SettleFunding(InstrumentBook book)
    {
        if (_funding is null) return;
        var now = NowMs();
        if (book.NextFundingMs == 0)
        {
            // No funding is settled for time before the exchange first saw this swap trade.
            book.NextFundingMs = FundingRates.NextAfter(now);
            return;
        }
        while (book.NextFundingMs <= now)
        {
            var rate = _funding.RateAt(book.Instrument.InstId, book.NextFundingMs);
            Charge(book, book.Long!, rate);
            Charge(book, book.Short!, rate);
            book.NextFundingMs += FundingRates.PeriodMs;
        }
    }

    private void Charge(InstrumentBook book, SimulatedPosition position, FundingRate rate)
    {
        if (position.Size == 0m) return;
        var instrument = book.Instrument;
        var mark = book.LastBar.Close;
        var payment = SimulatedMoney.Round(instrument.Notional(position.Size, mark) * rate.Rate);
        var change = position.Side == PositionSide.Long ? -payment : payment;
        Quote.Total += change;
        var billId = (++_lastBillId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _fundingBills.Add(new FundingBill(billId, instrument.InstId, position.Side, rate.FundingTimeMs, position.Size, mark, rate.Rate,
            change, _quoteCcy));
    }
}
