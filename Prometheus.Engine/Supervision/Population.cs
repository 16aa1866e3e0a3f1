using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// Who is alive, and its turnover on the market's clock: births (the Mastermind funds and places each newborn, the
/// <see cref="Bookkeeper"/> opens its account), the hourly review (last stand, bankruptcy), the daily review (fitness
/// samples, life stage, medals), condemnation, burial in Valhalla, and the generations of evolution (cull the weakest,
/// breed the fittest). It places no order: a condemned agent is closed out by the Supervisor, which then buries it here.
/// </summary>
public sealed class Population
{
    private const long HourMs = 3_600_000, DayMs = 86_400_000;
    /// <summary>How long a buried agent stays at hand: a funding bill published late may still owe it a share.</summary>
    private const long RecentDeathMs = 3 * DayMs;

    private readonly EngineOptions _options;
    private readonly Bookkeeper _books;
    private readonly Mastermind _mastermind;
    private readonly MarkPrices _marks;
    private readonly RandomSource _random;
    private readonly Action<int> _changed;
    private readonly List<Agent> _living = [];
    private readonly Dictionary<int, Agent> _agents = [];
    private readonly List<Agent> _recentlyDead = [];
    /// <summary>Private ledgers by agent id, for the per-bar loop (an array index, not a hash lookup).</summary>
    private PrivateLedger[] _ledgers = new PrivateLedger[64];
    // Reused by every generation: a generation runs every hour of a years-long backtest.
    private readonly List<Agent> _active = [], _weak = [], _parents = [];
    /// <summary>Whether an agent may be pending death (set when one is marked; a restored engine starts by looking).</summary>
    private bool _someoneDying = true;
    private int _nextAgentId = 1, _targetPopulation;
    private double _cullDebt;
    private long _nextHourMs, _nextDayMs, _nextGenerationMs;

    /// <param name="changed">Told the id of every agent whose state changed (for the next checkpoint).</param>
    internal Population(EngineOptions options, Bookkeeper books, Mastermind mastermind, MarkPrices marks, RandomSource random, Action<int> changed)
    {
        _options = options;
        _books = books;
        _mastermind = mastermind;
        _marks = marks;
        _random = random;
        _changed = changed;
        Valhalla = new Valhalla(options.Evolution.Heroes);
    }

    public Valhalla Valhalla { get; }
    public IReadOnlyList<Agent> Living => _living;
    public IReadOnlyDictionary<int, Agent> Agents => _agents;

    /// <summary>The living, and the dead buried in the last few days (a late funding bill may still owe them a share).</summary>
    public IEnumerable<Agent> LivingAndRecentlyDead => _living.Concat(_recentlyDead);

    public int Births { get; private set; }
    public int Deaths { get; private set; }
    public int Generations { get; private set; }

    /// <summary>Whether any agent may be condemned and not yet buried.</summary>
    public bool SomeoneDying => _someoneDying;

    /// <summary>Where births and deaths are saved as they happen (null: a backtest, nothing saved).</summary>
    internal IEngineStore? Store { get; set; }

    public event Action<FallenAgent>? AgentDied;
    public event Action<Agent>? AgentBorn;

    /// <summary>The private ledger of a living (or restored) agent, by id.</summary>
    internal PrivateLedger LedgerOf(int agentId) => _ledgers[agentId];

    /// <summary>
    /// The founders: random genomes of the configured profile, or <paramref name="founders"/> when given (a population
    /// evolved elsewhere); the first generation is due one interval later.
    /// </summary>
    internal void Found(long now, long tradableBars, IReadOnlyList<(Genome Genome, Personality Personality)>? founders)
    {
        _targetPopulation = _options.Agents.Initial;
        var random = _random.At(now);
        for (var i = 0; i < _options.Agents.Initial; i++)
        {
            if (founders is not null)
                Birth(now, tradableBars, founders[i % founders.Count].Genome, founders[i % founders.Count].Personality, generation: 0, parents: []);
            else
                Birth(now, tradableBars, Genome.Random(random, _options.Evolution.GeneProfile), Personality.Random(random), generation: 0, parents: []);
        }
        _nextGenerationMs = now + GenerationIntervalMs;
    }

    private long GenerationIntervalMs => (long)(_options.Evolution.IntervalHours * HourMs);

    private Agent? Birth(long now, long tradableBars, Genome genome, Personality personality, int generation, IReadOnlyList<int> parents)
    {
        var choice = _mastermind.ChooseInstrument(_living);
        var id = _nextAgentId;
        if (!_mastermind.TryFundBirth(now, id, choice, out var stake))
            return null;
        _nextAgentId++;
        var agent = new Agent
        {
            Id = id,
            Name = AgentNames.For(id),
            Genome = genome,
            Personality = personality,
            Instrument = choice.Instrument,
            BornAtMs = now,
            Generation = generation,
            Parents = parents,
            TradableBarsAtBirth = tradableBars,
        };
        agent.Performance.Start(stake);
        var ledger = _books.OpenAccount(id, stake);
        Place(agent, ledger);
        if (generation > 0) Births++;
        _changed(id);
        Store?.Born(agent.Save(), ledger.Save(), _mastermind.LastDecision);
        AgentBorn?.Invoke(agent);
        return agent;
    }

    private void Place(Agent agent, PrivateLedger ledger)
    {
        if (agent.Id >= _ledgers.Length) Array.Resize(ref _ledgers, Math.Max(agent.Id + 1, _ledgers.Length * 2));
        _ledgers[agent.Id] = ledger;
        _agents.Add(agent.Id, agent);
        if (agent.IsAlive) _living.Add(agent);
    }

    /// <summary>Whether the hourly review is due at <paramref name="now"/> (market time).</summary>
    internal bool HourDue(long now) => now >= _nextHourMs;

    /// <summary>Whether the daily review is due.</summary>
    internal bool DayDue(long now) => now >= _nextDayMs;

    /// <summary>Whether a generation is due.</summary>
    internal bool GenerationDue(long now) => now >= _nextGenerationMs;

    /// <summary>Hourly (market time): last stand and bankruptcy, drawdown.</summary>
    internal void HourlyReview(long now)
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
            var equity = ledger.Equity(_marks);
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
            if (moved || verdict.Change != StandingChange.None) _changed(agent.Id);
        }
    }

    /// <summary>Daily (market time): the equity sample fitness is computed from, life stage, medals; moods settle.</summary>
    internal void DailyReview(long now)
    {
        _nextDayMs = (now / DayMs + 1) * DayMs;
        foreach (var agent in _living)
        {
            var ledger = _ledgers[agent.Id];
            agent.Performance.Sample(ledger.Equity(_marks));
            agent.Emotions = agent.Emotions.Decay();
            agent.Stage = Lifecycle.StageAt(agent.DaysAlive(now), _options.Agents);
            agent.Medals = MedalRules.Earned(agent, ledger.Pnl(_marks), ledger.BaseCapital, now);
            _changed(agent.Id);
        }
    }

    /// <summary>Marks an agent to be closed out and buried; the only way an agent is condemned.</summary>
    internal void Condemn(Agent agent, DeathReason reason)
    {
        agent.PendingDeath = reason;
        _someoneDying = true;
    }

    /// <summary>After a close-out pass: whether any agent is still condemned and not yet buried.</summary>
    internal void CloseOutPassed(bool stillDying) => _someoneDying = stillDying && _living.Any(a => a.PendingDeath is not null);

    /// <summary>A flat condemned agent enters Valhalla: its capital goes back to the Mastermind's pool.</summary>
    internal void Bury(Agent agent, DeathReason reason, long now)
    {
        var ledger = _books.Ledger.Private(agent.Id);
        var baseCapital = ledger.BaseCapital;
        var pnl = ledger.Pnl(_marks);
        var finalCapital = ledger.Capital;
        agent.Stage = LifeStage.Dead;
        agent.DiedAtMs = now;
        agent.DeathReason = reason;
        agent.PendingDeath = null;
        agent.Fitness = FitnessCalculator.Compute(agent, pnl, baseCapital, _options.Evolution);
        _books.Fund(agent.Id, -finalCapital);
        _mastermind.Reclaim(now, agent.Id, finalCapital, $"{agent.Name} died ({reason})");
        _living.Remove(agent);
        _recentlyDead.RemoveAll(a => a.DiedAtMs < now - RecentDeathMs);
        _recentlyDead.Add(agent);
        var fallen = new FallenAgent(agent.Id, agent.Name, agent.Generation, agent.Instrument.InstId, agent.BornAtMs, now, reason,
            ledger.InitialCapital, finalCapital, pnl, agent.Trades, agent.RoundTrips, agent.WinRate, agent.MaxConsecutiveLosses,
            agent.DaysAlive(now), agent.Fitness, agent.Genome, agent.Personality, agent.Medals,
            LegacyTitles.For(reason, pnl, baseCapital, agent.RoundTrips, agent.WinRate, agent.DaysAlive(now), agent.Medals));
        Valhalla.Admit(fallen);
        Deaths++;
        _changed(agent.Id);
        Store?.Died(fallen, agent.Save(), ledger.Save(), _mastermind.LastDecision);
        AgentDied?.Invoke(fallen);
    }

    /// <summary>
    /// One generation: fitness for all; the weakest past their grace period are culled (more under
    /// <paramref name="pressure"/>); births refill the population to its target, which grows by one while the book is at
    /// its peak (no pressure). The next one is due an interval later.
    /// </summary>
    /// <param name="tradableBars">Bars on which agents could trade so far: ages for culling are counted in them.</param>
    /// <param name="barIntervalMs">The market's bar interval, which turns the minimum bars before a cull into time.</param>
    internal void RunGeneration(long now, double pressure, long tradableBars, long barIntervalMs)
    {
        _nextGenerationMs = now + GenerationIntervalMs;
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
            var fitness = FitnessCalculator.Compute(agent, ledger.Pnl(_marks), ledger.BaseCapital, evolution);
            if (fitness.Equals(agent.Fitness)) continue;
            agent.Fitness = fitness;
            _changed(agent.Id);
        }

        var graceMs = (long)(evolution.GraceHours * HourMs);
        var minBars = evolution.MinBarsBeforeCullFor(barIntervalMs);
        var weak = _weak;
        weak.Clear();
        foreach (var a in active)
            if (now - a.BornAtMs >= graceMs && tradableBars - a.TradableBarsAtBirth >= minBars && a.Fitness < 0) weak.Add(a);
        weak.Sort(static (x, y) => x.Fitness != y.Fitness ? x.Fitness.CompareTo(y.Fitness) : x.Id.CompareTo(y.Id));
        _cullDebt += evolution.CullFraction * (1 + pressure) * active.Count * evolution.IntervalHours / 24;
        var cull = Math.Min((int)_cullDebt, Math.Min(weak.Count, Math.Max(0, active.Count - 2)));
        _cullDebt = Math.Min(_cullDebt - cull, 1.0); // unused quota does not pile up into a massacre later
        for (var i = 0; i < cull; i++)
        {
            Condemn(weak[i], DeathReason.Culled);
            _changed(weak[i].Id);
        }

        if (pressure == 0)
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
            if (Breed(now, tradableBars, parents, random) is null) break;
    }

    private Agent? Breed(long now, long tradableBars, IReadOnlyList<Agent> parents, Random random)
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
        return Birth(now, tradableBars, child, Personality.Inherit(pa, pb, random), Math.Max(ga, gb) + 1, lineage);
    }

    /// <summary>What a save holds of the population: counters and schedule.</summary>
    internal (int Births, int Deaths, int Generations, int NextAgentId, int TargetPopulation, double CullDebt, long NextHourMs, long NextDayMs,
        long NextGenerationMs) Counters => (Births, Deaths, Generations, _nextAgentId, _targetPopulation, _cullDebt, _nextHourMs, _nextDayMs,
        _nextGenerationMs);

    /// <summary>Rebuilds the population from a save: every agent (the living, the recently dead at hand), Valhalla, counters and schedule.</summary>
    internal void Restore(IEnumerable<Agent> agents, IEnumerable<FallenAgent> valhalla, SupervisorState s)
    {
        foreach (var agent in agents)
        {
            Place(agent, _books.Ledger.Private(agent.Id));
            if (!agent.IsAlive && agent.DiedAtMs >= s.Market.TimestampMs - RecentDeathMs) _recentlyDead.Add(agent);
        }
        foreach (var fallen in valhalla) Valhalla.Admit(fallen);
        (Births, Deaths, Generations) = (s.Births, s.Deaths, s.Generations);
        (_nextAgentId, _targetPopulation, _cullDebt) = (s.NextAgentId, s.TargetPopulation, s.CullDebt);
        (_nextHourMs, _nextDayMs, _nextGenerationMs) = (s.NextHourMs, s.NextDayMs, s.NextGenerationMs);
    }
}
