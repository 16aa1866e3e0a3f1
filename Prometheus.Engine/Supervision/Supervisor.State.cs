using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Market;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Supervision;

/// <summary>Capture and restore: the Supervisor and everything it owns, to plain data and back.</summary>
public sealed partial class Supervisor
{
    private readonly HashSet<int> _dirty = [];
    private IEngineStore? _store;

    /// <summary>The durable store; null (backtests) writes nothing.</summary>
    public IEngineStore? Store => _store;

    /// <summary>From now on every booking, journal entry and checkpoint goes to <paramref name="store"/>.</summary>
    public void AttachStore(IEngineStore store)
    {
        _store = store;
        _books.Store = store;
        _population.Store = store;
        Journal.Changed = entry => store.Journal(entry.Save(), ClOrdIds.NextSequence);
    }

    /// <summary>Agents changed since the last checkpoint.</summary>
    public int DirtyAgents => _dirty.Count;

    /// <summary>The risk log's count of denials when it was last saved (a checkpoint leaves the log out while it is unchanged).</summary>
    private int _riskLogSaved = -1;

    /// <summary>Everything, for a full snapshot.</summary>
    public EngineSnapshot CaptureSnapshot()
    {
        _dirty.Clear();
        return new EngineSnapshot(NowMs, Ledger.NextTradeId - 1, IsPartial: false, SaveSupervisor(riskLogAlways: true), Mastermind.Save(),
            [.. Agents.Values.OrderBy(a => a.Id).Select(a => a.Save())],
            [.. Ledger.PrivateLedgers.Values.OrderBy(l => l.AgentId).Select(l => l.Save())],
            [.. Valhalla.Fallen]);
    }

    /// <summary>What changed since the last checkpoint: the Supervisor, the Mastermind, and the agents touched since.</summary>
    public EngineSnapshot CaptureCheckpoint()
    {
        var changed = _dirty.Order().ToList();
        _dirty.Clear();
        return new EngineSnapshot(NowMs, Ledger.NextTradeId - 1, IsPartial: true, SaveSupervisor(riskLogAlways: false), Mastermind.Save(),
            [.. changed.Select(id => Agents[id].Save())],
            [.. changed.Select(id => Ledger.Private(id).Save())],
            []);
    }

    /// <summary>How often (market time) each agent's equity is kept: a hundred agents' curves stay a few thousand rows a month.</summary>
    public const long AgentEquityEveryMs = 60 * 60 * 1000;
    private long? _lastAgentEquityMs;

    /// <summary>
    /// The equity curves' points now: the population's every time, each living agent's at most once per
    /// <see cref="AgentEquityEveryMs"/> of market time.
    /// </summary>
    public IReadOnlyList<EquityMark> CaptureEquity()
    {
        var now = NowMs;
        EquityMark population = new(EquityMark.Population, now, Equity, Market.Close > 0m ? Market.Close : null, CoinPricesNow());
        if (now - _lastAgentEquityMs < AgentEquityEveryMs) return [population]; // null (the first): not less
        _lastAgentEquityMs = now;
        var marks = new List<EquityMark>(Living.Count + 1) { population };
        foreach (var agent in Living)
            marks.Add(new EquityMark(agent.Id, now, Ledger.Private(agent.Id).Equity(Marks)));
        return marks;
    }

    /// <summary>Each traded coin's price now: the mark of the instrument that drives its market (null before any mark).</summary>
    public CoinPrices? CoinPricesNow()
    {
        var prices = new List<KeyValuePair<string, decimal>>(_markets.Count);
        for (var u = 0; u < _markets.Count; u++)
        {
            var (coin, driving) = _markets.Coin(u);
            if (driving < Traded.Count && Marks[Traded[driving]] is > 0m and var price) prices.Add(new(coin, price));
        }
        return prices.Count > 0 ? new CoinPrices(prices) : null;
    }

    private SupervisorState SaveSupervisor(bool riskLogAlways)
    {
        var riskLog = riskLogAlways || RiskLog.Total != _riskLogSaved ? RiskLog.Save() : null;
        _riskLogSaved = RiskLog.Total;
        return SaveSupervisor(riskLog);
    }

    private SupervisorState SaveSupervisor(RiskLogState? riskLog)
    {
        var p = _population.Counters;
        return new SupervisorState(Cycle, StartedAtMs, p.Births, p.Deaths, p.Generations, EnvironmentPressure, p.NextAgentId, p.TargetPopulation,
            p.CullDebt, p.NextHourMs, p.NextDayMs, p.NextGenerationMs, EvolutionEnabled,
            Marks.Save(), ClOrdIds.NextSequence,
            SystemRisk.Save(), riskLog, Journal.Written, Journal.Finished,
            [.. Journal.Open.OrderBy(e => ClOrdIds.SequenceOf(e.ClOrdId)).ThenBy(e => e.ClOrdId, StringComparer.Ordinal).Select(e => e.Save())], [.. _allocatedLiquidations.Order(StringComparer.Ordinal)],
            [.. _unattributed.Values], ExchangeRejects, Market, RuntimeMs, TradableBars, _random.Seed, Paused, PauseReason);
    }

    /// <summary>
    /// Rebuilds a Supervisor from a full snapshot, every trade record and every funding record (none for a state saved
    /// before funding was booked). Ledgers are recomputed from their records; reservations of orders no longer open are
    /// dropped. Indicators start cold: feed recent bars to <see cref="WarmUp"/> before trading.
    /// </summary>
    public static Supervisor Restore(EngineOptions options, IExchange exchange, TimeProvider time, Random random,
        EngineSnapshot snapshot, IReadOnlyList<TradeRecord> records, IReadOnlyList<FundingRecord>? funding = null) =>
        Restore(options, exchange, time, RandomSource.Sequential(random), snapshot, records, funding);

    /// <summary>
    /// As <see cref="Restore(EngineOptions, IExchange, TimeProvider, Random, EngineSnapshot, IReadOnlyList{TradeRecord}, IReadOnlyList{FundingRecord}?)"/>,
    /// drawing from <paramref name="random"/>: for paper and live, <see cref="RandomSource.PerCycle"/> of the saved seed, so the
    /// draws go on where they would have without the crash.
    /// </summary>
    public static Supervisor Restore(EngineOptions options, IExchange exchange, TimeProvider time, RandomSource random,
        EngineSnapshot snapshot, IReadOnlyList<TradeRecord> records, IReadOnlyList<FundingRecord>? funding = null)
    {
        if (snapshot.IsPartial)
            throw new ArgumentException("A restore needs a full snapshot (partial checkpoints are merged into one first).", nameof(snapshot));
        var s = snapshot.Supervisor;
        var open = s.OpenOrders.Select(o => o.ClOrdId).ToHashSet(StringComparer.Ordinal);
        var ledgers = snapshot.Ledgers.Select(l => l with
        {
            Reservations = l.Reservations.Where(r => open.Contains(r.Key)).ToDictionary(StringComparer.Ordinal),
        });
        var supervisor = new Supervisor(options, exchange, time, random, ledgers: null);
        supervisor._books.Restore(options.Instruments, ledgers, records, funding);
        supervisor._population.Restore(snapshot.Agents.OrderBy(a => a.Id).Select(state => Agent.Restore(state, options.Instruments)), snapshot.Valhalla, s);
        supervisor.Mastermind.Restore(snapshot.Mastermind);
        supervisor.SystemRisk.Restore(s.Risk);
        supervisor.RestoreControl(s);
        if (s.RiskLog is { } riskLog) supervisor.RiskLog.Restore(riskLog);
        supervisor._riskLogSaved = supervisor.RiskLog.Total;
        supervisor._desk.ClOrdIds = new ClOrdIds(s.NextClOrdSequence);
        supervisor.Journal.Restore(s.JournalWritten, s.JournalFinished, s.OpenOrders.Select(JournalEntry.Restore));
        foreach (var id in s.AllocatedLiquidations) supervisor._allocatedLiquidations.Add(id);
        foreach (var fill in s.Unattributed) supervisor._unattributed[string.Concat(fill.InstId, "/", fill.TradeId)] = fill;
        supervisor.Marks.Restore(s.MarksBySymbol);
        (supervisor.Cycle, supervisor.EnvironmentPressure) = (s.Cycle, s.EnvironmentPressure);
        supervisor.EvolutionEnabled = s.EvolutionEnabled;
        supervisor.StartedAtMs = s.StartedAtMs;
        supervisor._desk.ExchangeRejects = s.ExchangeRejects;
        supervisor._markets.Restore(s.Market);
        supervisor.RuntimeMs = s.RuntimeMs;
        supervisor.TradableBars = s.TradableBars;
        return supervisor;
    }

    /// <summary>Feeds bars to the indicators only (no decisions, no orders): after a restore, before trading.</summary>
    public void WarmUp(IEnumerable<Candle> bars)
    {
        foreach (var bar in bars)
            _markets.WarmUp(bar);
    }

    /// <summary>Feeds one bar time of several series to the indicators only: a bar per traded instrument, in the order of <see cref="Traded"/>.</summary>
    public void WarmUpAligned(Candle[] barsByTraded) => _markets.Update(barsByTraded);

    private void MarkDirty(int agentId) => _dirty.Add(agentId);
}
