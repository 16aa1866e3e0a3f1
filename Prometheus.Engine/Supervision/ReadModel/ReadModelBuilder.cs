using System.Collections.ObjectModel;
using System.Collections.Immutable;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Supervision.ReadModel;

/// <summary>
/// Builds <see cref="EngineReadModel"/> on the trading loop's thread. Entry point: <see cref="Build"/>.
/// What does not change is not rebuilt: a dead agent's reading is made once, a genome's map once per agent, Valhalla and
/// the Mastermind's decisions only when they grew, and the ledgers are immutable lists extended by the fills booked since
/// the last build (copied again only when a record was replaced in place, a repair). Per build the cost is the living
/// agents (their equity moves with the marks) and a pass over the private ledgers' totals.
/// </summary>
public sealed class ReadModelBuilder
{
    private readonly Dictionary<int, IReadOnlyDictionary<string, double>> _genomes = [];
    private ImmutableDictionary<int, AgentReading> _agents = ImmutableDictionary<int, AgentReading>.Empty;
    private HashSet<int> _living = [];
    private ImmutableList<TradeRecord> _records = [];
    private int _recordReplacements;
    private decimal _grossProfit, _grossLoss;
    private readonly Dictionary<int, int> _agentReplacements = [];
    private ImmutableDictionary<int, ImmutableList<TradeRecord>> _byAgent = ImmutableDictionary<int, ImmutableList<TradeRecord>>.Empty;
    private ValhallaReading _valhalla = new(-1, [], []);
    private ImmutableArray<AllocationDecision> _decisions = [];
    private int _decisionCount = -1;
    private long _version;

    public EngineReadModel Build(Supervisor s, EngineStatus status, ILoopReconciliation? reconciliation, long builtAtMs)
    {
        var ranked = Agents(s);
        return new EngineReadModel(++_version, builtAtMs, s.NowMs, status, Book(s), ranked, _agents, Valhalla(s), Risk(s), Mastermind(s),
            reconciliation?.Read(), Ledger(s));
    }

    private ImmutableArray<AgentReading> Agents(Supervisor s)
    {
        var updates = _agents.ToBuilder();
        if (_agents.Count == 0)
            foreach (var agent in s.Agents.Values.Where(a => !a.IsAlive))
                updates[agent.Id] = Reading(s, agent, null);

        // The living, ranked by net PnL at the marks (ties by id), as Supervisor.Rankings orders them.
        var living = s.Living;
        var order = new (decimal Pnl, Agent Agent)[living.Count];
        for (var i = 0; i < living.Count; i++) order[i] = (s.Ledger.Private(living[i].Id).Pnl(s.Marks), living[i]);
        Array.Sort(order, (a, b) => a.Pnl != b.Pnl ? b.Pnl.CompareTo(a.Pnl) : a.Agent.Id.CompareTo(b.Agent.Id));
        var ranked = ImmutableArray.CreateBuilder<AgentReading>(order.Length);
        var nowLiving = new HashSet<int>(order.Length);
        for (var i = 0; i < order.Length; i++)
        {
            var reading = Reading(s, order[i].Agent, i + 1);
            ranked.Add(reading);
            updates[reading.Id] = reading;
            nowLiving.Add(reading.Id);
        }
        // Those who died since the last build: read once more, dead, and then never again.
        foreach (var id in _living)
            if (!nowLiving.Contains(id) && s.Agents.TryGetValue(id, out var fallen))
                updates[id] = Reading(s, fallen, null);
        // Born and dead between two builds: never seen living.
        if (updates.Count != s.Agents.Count)
            foreach (var agent in s.Agents.Values)
                if (!updates.ContainsKey(agent.Id)) updates[agent.Id] = Reading(s, agent, null);
        _living = nowLiving;
        _agents = updates.ToImmutable();
        return ranked.MoveToImmutable();
    }

    private AgentReading Reading(Supervisor s, Agent a, int? rank)
    {
        var ledger = s.Ledger.Private(a.Id);
        var marks = s.Marks;
        if (!_genomes.TryGetValue(a.Id, out var genome))
            _genomes[a.Id] = genome = new ReadOnlyDictionary<string, double>(new Dictionary<string, double>(a.Genome.ToDictionary()));
        var state = !a.IsAlive ? "Dead" : a.PendingDeath is not null ? "Dying" : a.InLastStand ? "LastStand" : "Alive";
        var positions = ImmutableArray.CreateBuilder<PositionReading>();
        foreach (var lot in ledger.OpenPositions)
        {
            var mark = marks[lot.Instrument];
            var (down, up) = ((decimal)a.Genome.StopLoss, (decimal)a.Genome.TakeProfit);
            var isLong = lot.Side == PositionSide.Long;
            positions.Add(new PositionReading(lot.Instrument.InstId, lot.Side, lot.Amount, lot.AveragePrice, lot.Margin, mark, lot.UnrealizedPnl(mark),
                lot.OpenedAtMs, lot.AveragePrice * (isLong ? 1m - down : 1m + down), lot.AveragePrice * (isLong ? 1m + up : 1m - up),
                lot.OpenedAtMs + s.MaxHoldingMs));
        }
        return new AgentReading(a.Id, a.Name, state, a.Stage.ToString(), a.Instrument.InstId, a.Generation, ledger.Capital, ledger.Equity(marks),
            ledger.Pnl(marks), a.WinRate, a.Trades, rank, a.Fitness, genome, positions.ToImmutable(), a.Personality, a.Emotions, a.BornAtMs,
            a.DiedAtMs, a.DeathReason?.ToString(), [.. a.Parents], a.RoundTrips, a.Wins, a.Losses, a.ConsecutiveWins, a.ConsecutiveLosses,
            a.MaxConsecutiveWins, a.MaxConsecutiveLosses, a.LastStandSinceMs, a.LastStandsSurvived, a.TradingLevel, MedalNames(a.Medals),
            ledger.InitialCapital, ledger.Funded, ledger.RealizedPnl, ledger.FeesPaid, ledger.FundingPaid, a.Performance.MaxDrawdown);
    }

    private static ImmutableArray<string> MedalNames(Medals medals) =>
        [.. Enum.GetValues<Medals>().Where(m => m != Medals.None && medals.HasFlag(m)).Select(m => m.ToString())];

    private BookReading Book(Supervisor s)
    {
        decimal realized = 0m, unrealized = 0m, fees = 0m, funding = 0m;
        foreach (var l in s.Ledger.PrivateLedgers.Values)
        {
            realized += l.RealizedPnl;
            unrealized += l.UnrealizedPnl(s.Marks);
            fees += l.FeesPaid;
            funding += l.FundingPaid;
        }
        int wins = 0, losses = 0;
        foreach (var a in s.Agents.Values)
        {
            wins += a.Wins;
            losses += a.Losses;
        }
        return new BookReading(s.Equity, s.Mastermind.TotalCapital, realized, unrealized, fees, funding, _grossProfit, _grossLoss, wins, losses, s.Market.Close,
            s.CoinPricesNow());
    }

    private LedgerReading Ledger(Supervisor s)
    {
        var records = s.Ledger.Records;
        if (s.Ledger.Replacements != _recordReplacements || records.Count < _records.Count)
        {
            _recordReplacements = s.Ledger.Replacements;
            _records = [];
            _grossProfit = _grossLoss = 0m;
        }
        if (records.Count > _records.Count)
        {
            var list = _records.ToBuilder();
            for (var i = _records.Count; i < records.Count; i++)
            {
                var r = records[i];
                list.Add(r);
                if (!r.Side.IsClosing()) continue;
                var net = r.RealizedPnl - r.Fee;
                if (net > 0m) _grossProfit += net; else _grossLoss -= net;
            }
            _records = list.ToImmutable();
        }

        var byAgent = _byAgent;
        foreach (var (id, ledger) in s.Ledger.PrivateLedgers)
        {
            var history = ledger.History;
            var copied = byAgent.GetValueOrDefault(id, []);
            if (ledger.Replacements != _agentReplacements.GetValueOrDefault(id) || history.Count < copied.Count)
            {
                _agentReplacements[id] = ledger.Replacements;
                copied = [];
            }
            if (history.Count == copied.Count && byAgent.ContainsKey(id)) continue;
            var list = copied.ToBuilder();
            for (var i = copied.Count; i < history.Count; i++) list.Add(history[i]);
            byAgent = byAgent.SetItem(id, list.ToImmutable());
        }
        _byAgent = byAgent;
        return new LedgerReading(_records, _byAgent);
    }

    private ValhallaReading Valhalla(Supervisor s)
    {
        var v = s.Valhalla;
        if (v.Count != _valhalla.Count)
            _valhalla = new ValhallaReading(v.Count, [.. v.Heroes], [.. v.Fallen.Reverse()]);
        return _valhalla;
    }

    private static RiskReading Risk(Supervisor s) => new(s.SystemRisk.Save(), s.RiskLog.Total,
        [.. s.RiskLog.Counts.OrderByDescending(c => c.Value).Select(c => new KeyValuePair<string, int>(c.Key.ToString(), c.Value))],
        [.. s.RiskLog.Recent.Reverse().Take(RiskReading.MaxRecentDenials)]);

    private MastermindReading Mastermind(Supervisor s)
    {
        var m = s.Mastermind;
        if (m.DecisionCount != _decisionCount)
        {
            _decisionCount = m.DecisionCount;
            _decisions = [.. m.History.Reverse().Take(MastermindReading.MaxDecisions)];
        }
        var instruments = s.Instruments.Where(i => s.Traded.Contains(i) || s.Living.Any(a => a.Instrument == i)).Select(i =>
        {
            decimal capital = 0m, equity = 0m;
            var count = 0;
            foreach (var a in s.Living)
            {
                if (a.Instrument != i) continue;
                var ledger = s.Ledger.Private(a.Id);
                count++;
                capital += ledger.Capital;
                equity += ledger.Equity(s.Marks);
            }
            return new InstrumentReading(i.InstId, i.Kind.ToString(), count, capital, equity);
        });
        return new MastermindReading(m.TotalCapital, m.Pool, m.StakePerAgent, m.SpotShare, m.InterventionMode, m.RiskAppetite, s.EnvironmentPressure,
            [.. instruments], m.DecisionCount, _decisions);
    }
}
