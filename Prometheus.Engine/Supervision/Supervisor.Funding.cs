using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// Funding: the exchange settles it on its aggregate positions per (instrument, side); the Supervisor shares each
/// settlement among the agents that held that side just before the funding time, in proportion to their positions,
/// and books each share into the public and the agent's private ledger in one step (idempotent by instrument,
/// funding time, side and agent). Asked every cycle for an hour after each funding time, since a real exchange
/// publishes its bills with some delay, and every 16 cycles besides; asking twice books nothing twice.
/// </summary>
public sealed partial class Supervisor
{
    private const long FundingPollWindowMs = 3_600_000;
    private const int FundingPollEveryCycles = 16;
    private long? _lastFundingTimeMs;
    private readonly Dictionary<string, decimal> _unattributedFunding = new(StringComparer.Ordinal);
    /// <summary>Bills shared out since this Supervisor was built (after a restore each is looked at once more, harmlessly).</summary>
    private readonly HashSet<string> _settledBills = new(StringComparer.Ordinal);

    /// <summary>Funding the exchange settled on positions no agent held (an orphan position), by bill id: shown by reconciliation.</summary>
    public IReadOnlyDictionary<string, decimal> UnattributedFunding => _unattributedFunding;

    private async ValueTask CollectFundingAsync(long now, CancellationToken ct)
    {
        // Every cycle in the hour after a funding time (market time), and every so many cycles whatever the time: an
        // exchange whose clock runs apart from the market's (exchange-sim replaying fast) still has its bills read.
        var fundingTime = FundingRates.AtOrBefore(now);
        var due = (now - fundingTime < FundingPollWindowMs && fundingTime >= StartedAtMs) || Cycle % FundingPollEveryCycles == 0;
        if (!due) return;
        IReadOnlyList<FundingBill> bills;
        try
        {
            var since = Math.Min(fundingTime, _lastFundingTimeMs ?? fundingTime) - FundingRates.PeriodMs;
            bills = await _exchange.GetFundingBillsAsync(sinceMs: since, ct: ct);
        }
        catch (Exception e) when (IsExchangeFailure(e))
        {
            _desk.Failed(e); // asked again next cycle
            return;
        }
        foreach (var bill in bills)
        {
            if (_settledBills.Contains(bill.BillId)) continue;
            BookFunding(bill);
            _settledBills.Add(bill.BillId);
            _lastFundingTimeMs = Math.Max(_lastFundingTimeMs ?? bill.FundingTimeMs, bill.FundingTimeMs);
        }
    }

    /// <summary>Shares one funding bill among the agents that held its side; idempotent.</summary>
    internal void BookFunding(FundingBill bill)
    {
        if (bill.PositionSize <= 0m || _options.Instruments.TryGet(bill.InstId) is not { } instrument) return;
        var holders = new List<(Agents.Agent Agent, decimal Amount)>();
        var held = 0m;
        // The living, and the dead that may have held a position at the funding time (the rest of Valhalla cannot have).
        foreach (var agent in _population.LivingAndRecentlyDead)
        {
            // An agent trades only its own instrument, and one dead before the funding time held nothing at it.
            if (agent.Instrument != instrument || agent.DiedAtMs < bill.FundingTimeMs) continue;
            var amount = Ledger.Private(agent.Id).PositionBefore(instrument, bill.PosSide, bill.FundingTimeMs);
            if (amount <= 0m) continue;
            holders.Add((agent, amount));
            held += amount;
        }
        holders.Sort((a, b) => a.Agent.Id.CompareTo(b.Agent.Id));
        var totalPaid = -bill.BalanceChange;
        var remaining = totalPaid;
        for (var i = 0; i < holders.Count; i++)
        {
            var (agent, amount) = holders[i];
            // When the agents hold exactly the exchange's position, the last share takes the rounding: the shares sum to the bill.
            var paid = i == holders.Count - 1 && held == bill.PositionSize
                ? remaining
                : decimal.Round(totalPaid * amount / bill.PositionSize, PrivateLedger.Precision);
            remaining -= paid;
            _books.BookFunding(agent.Id, bill, amount, paid, () =>
            {
                NumberedDecision? settledByPool = null;
                if (!agent.IsAlive)
                {
                    // Settled after it died: its capital went back to the pool, so the pool settles it.
                    _books.Fund(agent.Id, paid);
                    Mastermind.Reclaim(NowMs, agent.Id, -paid, $"{agent.Name}'s funding share settled after its death");
                    settledByPool = Mastermind.LastDecision;
                }
                MarkDirty(agent.Id);
                return settledByPool;
            });
        }
        if (held < bill.PositionSize && remaining != 0m)
            _unattributedFunding[bill.BillId] = remaining;
    }

    /// <summary>Funding shares booked.</summary>
    public long FundingEvents => _books.FundingEvents;

    public event Action<FundingRecord>? FundingBooked
    {
        add => _books.FundingBooked += value;
        remove => _books.FundingBooked -= value;
    }
}
