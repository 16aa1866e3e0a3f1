using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision;

/// <summary>Birth, lifecycle reviews, death and burial in Valhalla, and the generations of evolution.</summary>
public sealed partial class Supervisor
{
    private int _targetPopulation;
    private double _cullDebt;
    // Reused by every generation: a generation runs every hour of a years-long backtest.
    private readonly List<Agent> _active = [], _weak = [], _parents = [];
    /// <summary>Whether an agent may be pending death (set when one is marked; a restored engine starts by looking).</summary>
    private bool _someoneDying = true;

    private Agent? Birth(long now, Genome genome, Personality personality, int generation, IReadOnlyList<int> parents)
    {
        var choice = Mastermind.ChooseInstrument(_living);
        var instrument = choice.Instrument;
        var id = _nextAgentId;
        if (!Mastermind.TryFundBirth(now, id, choice, out var stake))
            return null;
        _nextAgentId++;
        var agent = new Agent
        {
            Id = id,
            Name = AgentNames.For(id),
            Genome = genome,
            Personality = personality,
            Instrument = instrument,
            BornAtMs = now,
            Generation = generation,
            Parents = parents,
            TradableBarsAtBirth = TradableBars,
        };
        agent.Performance.Start(stake);
        var ledger = _books.OpenAccount(id, stake);
        if (id >= _ledgers.Length) Array.Resize(ref _ledgers, Math.Max(id + 1, _ledgers.Length * 2));
        _ledgers[id] = ledger;
        _agents.Add(id, agent);
        _living.Add(agent);
        if (generation > 0) Births++;
        MarkDirty(id);
        _store?.Born(agent.Save(), ledger.Save(), Mastermind.LastDecision);
        AgentBorn?.Invoke(agent);
        return agent;
    }

    /// <summary>Hourly (market time): last stand and bankruptcy, drawdown.</summary>
    private void HourlyReview(long now)
    {
        _nextHourMs = (now / HourMs + 1) * HourMs;
        foreach (var agent in _living)
        {
            if (agent.PendingDeath is not null) continue;
            var ledger = _ledgers[agent.Id];
            // Flat, not in a last stand, and its capital as at the last review: its equity, peak and standing are as they were.
            var flat = ledger.OpenPositionCount == 0;
            if (flat && agent.LastStandSinceMs is null && agent.FlatReviewedCapital == ledger.Capital) continue;
            agent.FlatReviewedCapital = flat && agent.LastStandSinceMs is null ? ledger.Capital : null;
            var equity = ledger.Equity(Marks);
            var baseCapital = ledger.BaseCapital;
            var moved = agent.Performance.ObservePeak(equity);
            var verdict = Lifecycle.Judge(equity, baseCapital, agent.LastStandSinceMs, now, _options.Agents);
            switch (verdict.Change)
            {
                case StandingChange.Dies:
                    Condemn(agent, verdict.Reason!.Value);
                    break;
                case StandingChange.LastStandStarted:
                    agent.LastStandSinceMs = now;
                    break;
                case StandingChange.LastStandSurvived:
                    agent.LastStandSinceMs = null;
                    agent.LastStandsSurvived++;
                    break;
            }
            if (moved || verdict.Change != StandingChange.None) MarkDirty(agent.Id);
        }
    }

    /// <summary>Daily (market time): the equity sample fitness is computed from, life stage, medals; moods settle.</summary>
    private void DailyReview(long now)
    {
        _nextDayMs = (now / DayMs + 1) * DayMs;
        foreach (var agent in _living)
        {
            var ledger = _ledgers[agent.Id];
            agent.Performance.Sample(ledger.Equity(Marks));
            agent.Emotions = agent.Emotions.Decay();
            agent.Stage = Lifecycle.StageAt(agent.DaysAlive(now), _options.Agents);
            agent.Medals = MedalRules.Earned(agent, ledger.Pnl(Marks), ledger.BaseCapital, now);
            MarkDirty(agent.Id);
        }
    }

    /// <summary>Marks an agent to be closed out and buried; the only way an agent is condemned.</summary>
    internal void Condemn(Agent agent, DeathReason reason)
    {
        agent.PendingDeath = reason;
        _someoneDying = true;
    }

    /// <summary>A dying agent's positions are closed (bypassing pre-trade checks); once flat it enters Valhalla.</summary>
    private async ValueTask CloseOutDyingAsync(long now, CancellationToken ct)
    {
        if (!_someoneDying) return; // most bars: nobody to close out, no need to look at every agent
        var stillDying = false;
        for (var i = _living.Count - 1; i >= 0; i--)
        {
            var agent = _living[i];
            if (agent.PendingDeath is not { } reason) continue;
            stillDying = true;
            if (HasOpenOrders(agent.Id)) continue;
            var ledger = Ledger.Private(agent.Id);
            foreach (var lot in ledger.OpenPositions.ToList())
                await SubmitAsync(CloseIntent(agent, lot, TradeOrigin.Death, 1.0), bypassRisk: true, ct);
            if (ledger.OpenPositionCount == 0 && !HasOpenOrders(agent.Id))
                Bury(agent, reason, now);
        }
        _someoneDying = stillDying && _living.Any(a => a.PendingDeath is not null);
    }

    private bool HasOpenOrders(int agentId)
    {
        foreach (var entry in Journal.Open)
            if (entry.AgentId == agentId) return true;
        return false;
    }

    private void Bury(Agent agent, DeathReason reason, long now)
    {
        var ledger = Ledger.Private(agent.Id);
        var baseCapital = ledger.BaseCapital;
        var pnl = ledger.Pnl(Marks);
        var finalCapital = ledger.Capital;
        agent.Stage = LifeStage.Dead;
        agent.DiedAtMs = now;
        agent.DeathReason = reason;
        agent.PendingDeath = null;
        agent.Fitness = FitnessCalculator.Compute(agent, pnl, baseCapital, _options.Evolution);
        _books.Fund(agent.Id, -finalCapital);
        Mastermind.Reclaim(now, agent.Id, finalCapital, $"{agent.Name} died ({reason})");
        _living.Remove(agent);
        RememberDeath(agent, now);
        var fallen = new FallenAgent(agent.Id, agent.Name, agent.Generation, agent.Instrument.InstId, agent.BornAtMs, now, reason,
            ledger.InitialCapital, finalCapital, pnl, agent.Trades, agent.RoundTrips, agent.WinRate, agent.MaxConsecutiveLosses,
            agent.DaysAlive(now), agent.Fitness, agent.Genome, agent.Personality, agent.Medals,
            LegacyTitles.For(reason, pnl, baseCapital, agent.RoundTrips, agent.WinRate, agent.DaysAlive(now), agent.Medals));
        Valhalla.Admit(fallen);
        Deaths++;
        MarkDirty(agent.Id);
        _store?.Died(fallen, agent.Save(), ledger.Save(), Mastermind.LastDecision);
        AgentDied?.Invoke(fallen);
    }

    /// <summary>
    /// One generation: fitness for all; the weakest past their grace period are culled (more under pressure);
    /// births refill the population to its target, which grows by one while the book is at its peak.
    /// </summary>
    private void RunGeneration(long now)
    {
        Generations++;
        var evolution = _options.Evolution;
        var active = _active;
        active.Clear();
        foreach (var agent in _living)
            if (agent.PendingDeath is null) active.Add(agent);
        foreach (var agent in active)
        {
            var ledger = _ledgers[agent.Id];
            // A flat agent's fitness moves only with its trades, funding, daily samples or drawdown: most hours, none did.
            (int, int, int, decimal, decimal)? inputs = ledger.OpenPositionCount == 0
                ? (ledger.History.Count, ledger.Funding.Count, agent.Performance.Samples, agent.Performance.MaxDrawdown, ledger.BaseCapital)
                : null;
            if (inputs is not null && inputs == agent.FlatFitnessInputs) continue;
            agent.FlatFitnessInputs = inputs;
            var fitness = FitnessCalculator.Compute(agent, ledger.Pnl(Marks), ledger.BaseCapital, evolution);
            if (fitness.Equals(agent.Fitness)) continue;
            agent.Fitness = fitness;
            MarkDirty(agent.Id);
        }

        var graceMs = (long)(evolution.GraceHours * HourMs);
        var minBars = evolution.MinBarsBeforeCullFor(Market.IntervalMs);
        var weak = _weak;
        weak.Clear();
        foreach (var a in active)
            if (now - a.BornAtMs >= graceMs && TradableAge(a) >= minBars && a.Fitness < 0) weak.Add(a);
        weak.Sort(static (x, y) => x.Fitness != y.Fitness ? x.Fitness.CompareTo(y.Fitness) : x.Id.CompareTo(y.Id));
        _cullDebt += evolution.CullFraction * (1 + EnvironmentPressure) * active.Count * evolution.IntervalHours / 24;
        var cull = Math.Min((int)_cullDebt, Math.Min(weak.Count, Math.Max(0, active.Count - 2)));
        _cullDebt = Math.Min(_cullDebt - cull, 1.0); // unused quota does not pile up into a massacre later
        for (var i = 0; i < cull; i++)
        {
            Condemn(weak[i], DeathReason.Culled);
            MarkDirty(weak[i].Id);
        }

        if (EnvironmentPressure == 0)
            _targetPopulation = Math.Min(_options.Agents.Max, _targetPopulation + 1);
        var parents = _parents;
        parents.Clear();
        foreach (var agent in _living)
            if (agent.PendingDeath is null) parents.Add(agent);
        // Dying agents still hold their places until they are buried: the population never exceeds Max.
        var births = Math.Min(_targetPopulation - parents.Count, _options.Agents.Max - _living.Count);
        if (births <= 0) return;
        var random = _random.At(now);
        for (var i = 0; i < births; i++)
            if (Breed(now, parents, random) is null) break;
    }

    private Agent? Breed(long now, IReadOnlyList<Agent> parents, Random random)
    {
        var evolution = _options.Evolution;
        var heroes = Valhalla.Heroes;
        Genome Pick(out Personality personality, out int generation, out int? parentId)
        {
            if (heroes.Count > 0 && (parents.Count == 0 || random.NextDouble() < evolution.HeroParentChance))
            {
                var hero = heroes[random.Next(heroes.Count)];
                personality = hero.Personality;
                generation = hero.Generation;
                parentId = hero.Id;
                return hero.Genome;
            }
            if (parents.Count == 0)
            {
                personality = Personality.Random(random);
                generation = 0;
                parentId = null;
                return Genome.Random(random, evolution.GeneProfile);
            }
            var agent = Selection.Tournament(parents, evolution.TournamentSize, random);
            personality = agent.Personality;
            generation = agent.Generation;
            parentId = agent.Id;
            return agent.Genome;
        }

        var a = Pick(out var pa, out var ga, out var ia);
        var b = Pick(out var pb, out var gb, out var ib);
        var child = GeneticOperators.Mutate(GeneticOperators.Crossover(a, b, random), evolution.MutationRate, evolution.MutationScale, random,
            evolution.GeneProfile);
        var lineage = new[] { ia, ib }.Where(x => x.HasValue).Select(x => x!.Value).Distinct().ToArray();
        return Birth(now, child, Personality.Inherit(pa, pb, random), Math.Max(ga, gb) + 1, lineage);
    }
}
