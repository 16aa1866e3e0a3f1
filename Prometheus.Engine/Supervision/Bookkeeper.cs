using System.Diagnostics;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The only writer of the ledgers: it alone holds the <see cref="SupervisorKey"/> every change to the public and the
/// private ledgers demands. It opens an agent's account at birth and moves capital in and out of it, reserves buying
/// power for an order in flight and releases it, books a confirmed fill and a funding share into the public ledger and
/// the agent's private ledger in one step (booking twice changes nothing), and writes back a record reconciliation proved
/// wrong. Each booking is saved to the store in the same step, then announced. It decides nothing: the Supervisor says
/// what to book, and when.
/// </summary>
public sealed class Bookkeeper
{
    private readonly Key _key = new();
    private long _bookingTicks;

    internal Bookkeeper(PublicLedger ledger) => Ledger = ledger;

    /// <summary>The public ledger (and through it every private one); read freely, written only here.</summary>
    public PublicLedger Ledger { get; private set; }

    /// <summary>Where each booking is saved in the step that makes it (null: a backtest, nothing saved).</summary>
    internal IEngineStore? Store { get; set; }

    /// <summary>Fills booked, and the wall time spent booking them.</summary>
    public long Bookings { get; private set; }

    public double BookingSeconds => _bookingTicks / (double)Stopwatch.Frequency;

    /// <summary>Funding shares booked.</summary>
    public long FundingEvents { get; private set; }

    /// <summary>A fill was booked (raised on the loop just before <see cref="TradeBooked"/>), with the wall time the booking took.</summary>
    public event Action<TradeRecord, TimeSpan>? BookingTimed;

    public event Action<TradeRecord>? TradeBooked;

    public event Action<FundingRecord>? FundingBooked;

    /// <summary>Rebuilds the ledgers from what was saved (a restart): aggregates and totals recomputed, not trusted.</summary>
    internal void Restore(InstrumentCatalog instruments, IEnumerable<PrivateLedgerState> ledgers, IReadOnlyList<TradeRecord> records,
        IReadOnlyList<FundingRecord>? funding) =>
        Ledger = PublicLedger.Restore(_key, instruments, ledgers, records, funding);

    internal PrivateLedger OpenAccount(int agentId, decimal stake) => Ledger.OpenAccount(_key, agentId, stake);

    /// <summary>Moves capital into (positive) or out of (negative) an agent's account.</summary>
    internal void Fund(int agentId, decimal amount) => Ledger.Fund(_key, agentId, amount);

    internal void Reserve(int agentId, string clOrdId, decimal amount) => Ledger.Private(agentId).Reserve(_key, clOrdId, amount);

    internal void Release(int agentId, string clOrdId) => Ledger.Private(agentId).Release(_key, clOrdId);

    /// <summary>Writes <paramref name="record"/> over the record of the same trade id, in the public ledger or the agent's private one, and saves it.</summary>
    internal bool Repair(TradeRecord record, bool inPublic)
    {
        var repaired = inPublic ? Ledger.Replace(_key, record) : Ledger.Private(record.AgentId).Replace(_key, record);
        if (repaired) Store?.Repaired(record);
        return repaired;
    }

    /// <summary>
    /// Books a confirmed fill for <paramref name="agent"/>; null when it was booked before. <paramref name="onBooked"/>
    /// (what the agent keeps of it: counts, streaks, emotions) runs before the booking is saved, so the store holds the
    /// agent as the booking left it.
    /// </summary>
    internal Booking? Book(Agent agent, ExchangeFill fill, Instrument instrument, decimal leverage, double confidence, TradeOrigin origin,
        Action<Booking> onBooked)
    {
        var started = Stopwatch.GetTimestamp();
        var booking = Ledger.Book(_key, fill, agent.Id, instrument, leverage, confidence, origin);
        _bookingTicks += Stopwatch.GetTimestamp() - started;
        if (booking is null) return null;
        Bookings++;
        onBooked(booking);
        Store?.Booked(booking.Record, Ledger.Private(agent.Id).Save(), agent.Save());
        BookingTimed?.Invoke(booking.Record, Stopwatch.GetElapsedTime(started));
        TradeBooked?.Invoke(booking.Record);
        return booking;
    }

    /// <summary>
    /// Books <paramref name="agentId"/>'s share of a funding bill; null when it was booked before. <paramref name="onBooked"/>
    /// settles what else the share moves (a dead agent's, paid by the pool) and returns the Mastermind's decision it saved.
    /// </summary>
    internal FundingRecord? BookFunding(int agentId, FundingBill bill, decimal positionAmount, decimal paid, Func<NumberedDecision?> onBooked)
    {
        var record = Ledger.BookFunding(_key, agentId, bill.InstId, bill.PosSide, bill.FundingTimeMs, positionAmount, bill.Rate, bill.MarkPrice,
            paid, bill.BillId);
        if (record is null) return null;
        FundingEvents++;
        var settledByPool = onBooked();
        Store?.FundingBooked(record, Ledger.Private(agentId).Save(), settledByPool);
        FundingBooked?.Invoke(record);
        return record;
    }

    /// <summary>The ledgers' key: the only <see cref="SupervisorKey"/> there is.</summary>
    private sealed class Key : SupervisorKey;
}
