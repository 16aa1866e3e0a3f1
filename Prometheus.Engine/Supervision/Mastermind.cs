using static System.FormattableString;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// Allocates capital: founders' stakes, the pool that funds births and takes back the capital of the dead, and the
/// split between spot and swap (agents are placed so each side's share of agents follows SpotShare).
/// Every decision is recorded with its reason (the most recent ones are kept).
/// </summary>
public sealed class Mastermind(MastermindOptions options, int foundingAgents, int historyCapacity = 1000)
{
    private readonly Queue<AllocationDecision> _history = new();

    public decimal TotalCapital { get; } = options.TotalCapital;
    public decimal Pool { get; private set; } = options.TotalCapital;
    public int DecisionCount { get; private set; }
    public IEnumerable<AllocationDecision> History => _history;

    /// <summary>The latest decision with its number.</summary>
    public NumberedDecision LastDecision => new(DecisionCount, _history.Last());

    /// <summary>Capital one agent starts with: the deployed share of the total divided among the founders.</summary>
    public decimal StakePerAgent { get; } =
        decimal.Round(options.TotalCapital * options.DeployedShare / Math.Max(1, foundingAgents) * options.BirthCapitalShare, 2, MidpointRounding.ToZero);

    /// <summary>Takes a newborn's stake from the pool; false (recorded) when the pool cannot pay it.</summary>
    public bool TryFundBirth(long nowMs, int agentId, Instrument instrument, out decimal stake)
    {
        stake = StakePerAgent;
        if (Pool < stake || stake <= 0m)
        {
            Record(nowMs, "birth-refused", agentId, instrument.InstId, 0m, Invariant($"pool {Pool:0.##} cannot pay a stake of {stake:0.##}"));
            stake = 0m;
            return false;
        }
        Pool -= stake;
        Record(nowMs, "birth", agentId, instrument.InstId, stake, Invariant($"stake {stake:0.##} for a newborn on {instrument.InstId}"));
        return true;
    }

    /// <summary>The capital a dead agent leaves goes back to the pool.</summary>
    public void Reclaim(long nowMs, int agentId, decimal amount, string reason)
    {
        Pool += amount;
        Record(nowMs, "reclaim", agentId, null, amount, reason);
    }

    /// <summary>Spot or swap for a newborn, whichever side is furthest below its target share of the living.</summary>
    public Instrument ChooseInstrument(IEnumerable<Agent> living)
    {
        int spot = 0, total = 0;
        foreach (var a in living)
        {
            total++;
            if (a.Instrument.Kind == InstrumentKind.Spot) spot++;
        }
        var spotShareIfSpot = (decimal)(spot + 1) / (total + 1);
        var spotShareIfSwap = (decimal)spot / (total + 1);
        return Math.Abs(spotShareIfSpot - options.SpotShare) <= Math.Abs(spotShareIfSwap - options.SpotShare)
            ? Instrument.BtcUsdt
            : Instrument.BtcUsdtSwap;
    }

    public MastermindState Save() => new(Pool, DecisionCount, [.. _history]);

    internal void Restore(MastermindState state)
    {
        Pool = state.Pool;
        DecisionCount = state.DecisionCount;
        _history.Clear();
        foreach (var d in state.History) _history.Enqueue(d);
    }

    private void Record(long nowMs, string kind, int? agentId, string? instId, decimal amount, string reason)
    {
        DecisionCount++;
        _history.Enqueue(new AllocationDecision(nowMs, kind, agentId, instId, amount, Pool, reason));
        while (_history.Count > historyCapacity) _history.Dequeue();
    }
}

public sealed record MastermindState(decimal Pool, int DecisionCount, IReadOnlyList<AllocationDecision> History);
