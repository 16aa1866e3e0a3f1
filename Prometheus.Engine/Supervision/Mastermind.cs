using static System.FormattableString;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// Allocates capital: founders' stakes, the pool that funds births and takes back the capital of the dead, and the
/// split between spot and swaps (agents are placed so the spot share of agents follows SpotShare), and among the traded
/// instruments of a kind (the one with the fewest living agents, ties to the first listed).
/// Every decision is recorded with its reason (the most recent ones are kept).
/// </summary>
public sealed class Mastermind(MastermindOptions options, int foundingAgents, IReadOnlyList<Instrument> traded, int historyCapacity = 1000)
{
    private readonly Queue<AllocationDecision> _history = new();

    public const decimal MinRiskAppetite = 0.1m, MaxRiskAppetite = 1.5m;

    public decimal TotalCapital { get; } = options.TotalCapital;

    /// <summary>A person decides the allocation and the risk appetite (the Mastermind applies them); off, it follows its options.</summary>
    public bool InterventionMode { get; private set; }

    /// <summary>The target share of living agents on spot (the rest on the swap) that newborns are placed by.</summary>
    public decimal SpotShare { get; private set; } = options.SpotShare;

    /// <summary>What every agent's chosen position size is multiplied by: 1 unless a person set it.</summary>
    public decimal RiskAppetite { get; private set; } = 1m;
    public decimal Pool { get; private set; } = options.TotalCapital;
    public int DecisionCount { get; private set; }
    public IEnumerable<AllocationDecision> History => _history;

    /// <summary>The latest decision with its number.</summary>
    public NumberedDecision LastDecision => new(DecisionCount, _history.Last());

    /// <summary>Capital one agent starts with: the deployed share of the total divided among the founders.</summary>
    public decimal StakePerAgent { get; } =
        decimal.Round(options.TotalCapital * options.DeployedShare / Math.Max(1, foundingAgents) * options.BirthCapitalShare, 2, MidpointRounding.ToZero);

    /// <summary>Takes a newborn's stake from the pool; false (recorded) when the pool cannot pay it.</summary>
    public bool TryFundBirth(long nowMs, int agentId, InstrumentChoice choice, out decimal stake)
    {
        var instrument = choice.Instrument;
        stake = StakePerAgent;
        if (Pool < stake || stake <= 0m)
        {
            // One refusal says it: the next generations ask again every hour, and nothing changed until the pool does.
            if (_history.Count == 0 || _history.Last() is not { Kind: "birth-refused" } last || last.PoolAfter != Pool)
                Record(nowMs, "birth-refused", agentId, instrument.InstId, 0m, Invariant($"pool {Pool:0.##} cannot pay a stake of {stake:0.##}; births wait until the dead return capital"));
            stake = 0m;
            return false;
        }
        Pool -= stake;
        Record(nowMs, "birth", agentId, instrument.InstId, stake, Invariant($"stake {stake:0.##} for a newborn on {instrument.InstId}: {choice.Why}"));
        return true;
    }

    /// <summary>The capital a dead agent leaves goes back to the pool.</summary>
    public void Reclaim(long nowMs, int agentId, decimal amount, string reason)
    {
        Pool += amount;
        Record(nowMs, "reclaim", agentId, null, amount, reason);
    }

    /// <summary>
    /// The instrument for a newborn: spot or a swap, whichever kind is furthest below its target share of the living
    /// (the only kind traded when one is missing); then, of that kind, the traded instrument with the fewest living agents.
    /// </summary>
    public InstrumentChoice ChooseInstrument(IEnumerable<Agent> living)
    {
        int spot = 0, total = 0;
        var agentsOn = new int[traded.Count];
        foreach (var a in living)
        {
            total++;
            if (a.Instrument.Kind == InstrumentKind.Spot) spot++;
            for (var i = 0; i < traded.Count; i++)
                if (traded[i] == a.Instrument) agentsOn[i]++;
        }
        var spotShareIfSpot = (decimal)(spot + 1) / (total + 1);
        var spotShareIfSwap = (decimal)spot / (total + 1);
        var kind = Math.Abs(spotShareIfSpot - SpotShare) <= Math.Abs(spotShareIfSwap - SpotShare) ? InstrumentKind.Spot : InstrumentKind.Swap;
        var why = Invariant($"{spot} of {total} living on spot against a spot share of {SpotShare:0.##}");
        if (!traded.Any(i => i.Kind == kind))
        {
            kind = kind == InstrumentKind.Spot ? InstrumentKind.Swap : InstrumentKind.Spot;
            why = $"only {kind.ToString().ToLowerInvariant()} is traded";
        }
        var chosen = -1;
        for (var i = 0; i < traded.Count; i++)
            if (traded[i].Kind == kind && (chosen < 0 || agentsOn[i] < agentsOn[chosen])) chosen = i;
        var ofKind = traded.Count(i => i.Kind == kind);
        return new InstrumentChoice(traded[chosen], ofKind == 1 ? why
            : Invariant($"{why}; {agentsOn[chosen]} living on it, the fewest of the {ofKind} {kind.ToString().ToLowerInvariant()} instruments traded"));
    }

    /// <summary>
    /// A person takes the allocation (the spot share of newborns) and the risk appetite into their hands, changes them,
    /// or gives them back (<paramref name="on"/> false: the options' values again). Recorded as a decision with who and why.
    /// </summary>
    /// <exception cref="ArgumentException">A value out of its range, or no reason given.</exception>
    public void Intervene(long nowMs, bool on, decimal spotShare, decimal riskAppetite, string reason, string actor)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException("a reason is required: every intervention is recorded with why", nameof(reason));
        if (on && spotShare is < 0m or > 1m)
            throw new ArgumentException($"spotShare must be between 0 and 1 (was {spotShare})", nameof(spotShare));
        if (on && (riskAppetite < MinRiskAppetite || riskAppetite > MaxRiskAppetite))
            throw new ArgumentException($"riskAppetite must be between {MinRiskAppetite} and {MaxRiskAppetite} (was {riskAppetite})", nameof(riskAppetite));
        InterventionMode = on;
        (SpotShare, RiskAppetite) = on ? (spotShare, riskAppetite) : (options.SpotShare, 1m);
        Record(nowMs, on ? "intervention" : "intervention-ended", null, null, 0m,
            Invariant($"{actor}: {(on ? "set" : "handed back")} spot share {SpotShare:0.##}, risk appetite {RiskAppetite:0.##}: {reason.Trim()}"));
    }

    public MastermindState Save() => new(Pool, DecisionCount, [.. _history], InterventionMode, SpotShare, RiskAppetite);

    internal void Restore(MastermindState state)
    {
        Pool = state.Pool;
        DecisionCount = state.DecisionCount;
        InterventionMode = state.InterventionMode;
        SpotShare = state.SpotShare ?? options.SpotShare;
        RiskAppetite = state.RiskAppetite;
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

/// <summary>The Mastermind as plain data; the intervention fields keep a person's settings across restarts.</summary>
public sealed record MastermindState(decimal Pool, int DecisionCount, IReadOnlyList<AllocationDecision> History,
    bool InterventionMode = false, decimal? SpotShare = null, decimal RiskAppetite = 1m);

/// <summary>The instrument a newborn is placed on and why (the Mastermind records it with the birth).</summary>
public sealed record InstrumentChoice(Instrument Instrument, string Why);
