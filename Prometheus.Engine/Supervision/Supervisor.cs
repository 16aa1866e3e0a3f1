using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Market;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// Runs the cycle: market update → regime and indicators (once per underlying, shared) → agent exits and decisions →
/// risk → orders (the <see cref="OrderDesk"/>) → confirmed fills routed to the <see cref="Bookkeeper"/>, the only
/// writer of the ledgers → the <see cref="Population"/>'s reviews, deaths and generations on their schedule. The same
/// code runs in backtest, paper and live; only the feed, the clock and the <see cref="IExchange"/> differ.
/// Single-threaded: one cycle at a time, no locks inside.
/// Entry points: <see cref="StartAsync"/>, <see cref="OnBarAsync"/>, <see cref="CloseAllAsync"/>.
/// </summary>
public sealed partial class Supervisor
{
    private const long HourMs = 3_600_000, DayMs = 86_400_000;

    private readonly EngineOptions _options;
    private readonly IExchange _exchange;
    private readonly TimeProvider _time;
    private readonly RandomSource _random;
    private readonly UnderlyingMarkets _markets;
    private readonly Candle[] _sameBarEach;
    private readonly Population _population;
    private readonly long _maxHoldingMs;
    private readonly double _slippage, _swapFundingPerHour;

    /// <summary>A Supervisor drawing from <paramref name="random"/> in order (a backtest, a test).</summary>
    public Supervisor(EngineOptions options, IExchange exchange, TimeProvider time, Random random)
        : this(options, exchange, time, RandomSource.Sequential(random), ledgers: null)
    {
    }

    /// <summary>A Supervisor drawing from <paramref name="random"/> (paper and live: a generator per cycle, derived from the seed).</summary>
    public Supervisor(EngineOptions options, IExchange exchange, TimeProvider time, RandomSource random)
        : this(options, exchange, time, random, ledgers: null)
    {
    }

    private Supervisor(EngineOptions options, IExchange exchange, TimeProvider time, RandomSource random, PublicLedger? ledgers)
    {
        _options = options;
        _exchange = exchange;
        _time = time;
        _random = random;
        _markets = new UnderlyingMarkets(options.Market, options.Traded);
        _sameBarEach = new Candle[options.Traded.Count];
        _maxHoldingMs = (long)(options.Risk.MaxHoldingHours * HourMs);
        // What a decision's cost gate weighs an entry against: fees both ways plus the expected slippage both ways.
        var slippage = (double)(options.Simulated.BaseSlippageBps + options.Simulated.RandomSlippageBps / 2) / 10_000;
        _slippage = slippage;
        _swapFundingPerHour = Math.Abs((double)options.Backtest.DefaultFundingRate) / 8;
        _books = new Bookkeeper(ledgers ?? new PublicLedger());
        _desk = new OrderDesk(exchange, _books, Route);
        Mastermind = new Mastermind(options.Mastermind, options.Agents.Initial, options.Traded);
        SystemRisk = new SystemRisk(options.Risk);
        _population = new Population(options, _books, Mastermind, Marks, random, MarkDirty);
    }

    /// <summary>The public ledger and every private one: read here, written only by the <see cref="Bookkeeper"/>.</summary>
    public PublicLedger Ledger => _books.Ledger;
    private readonly Bookkeeper _books;
    public Valhalla Valhalla => _population.Valhalla;
    public Mastermind Mastermind { get; }
    public SystemRisk SystemRisk { get; }
    public RiskLog RiskLog { get; } = new();
    public OrderJournal Journal => _desk.Journal;
    public ClOrdIds ClOrdIds => _desk.ClOrdIds;
    private readonly OrderDesk _desk;
    public MarkPrices Marks { get; } = new();
    /// <summary>Every instrument the engine knows (the catalog), and those its agents are assigned.</summary>
    public InstrumentCatalog Instruments => _options.Instruments;
    public IReadOnlyList<Instrument> Traded => _options.Traded;
    /// <summary>The market of the first traded instrument's underlying: the one the dashboard and the reports show.</summary>
    public MarketSnapshot Market => _markets.Primary;

    /// <summary>The market <paramref name="instrument"/> prices off (its underlying's indicators and regime).</summary>
    public MarketSnapshot MarketOf(Instrument instrument) => _markets.Snapshot(_markets.Of(instrument));
    public IReadOnlyList<Agent> Living => _population.Living;
    public IReadOnlyDictionary<int, Agent> Agents => _population.Agents;
    public long Cycle { get; private set; }
    /// <summary>When the engine first started (market time, Unix ms).</summary>
    public long StartedAtMs { get; private set; }

    /// <summary>Wall time the engine has run, across restarts (the trading loop adds to it; backtests leave it at 0).</summary>
    public long RuntimeMs { get; private set; }

    /// <summary>The trading loop counts the wall time it ran since its last cycle.</summary>
    public void AddRuntime(long ms) => RuntimeMs += ms;
    public int Births => _population.Births;
    public int Deaths => _population.Deaths;
    public int Generations => _population.Generations;
    /// <summary>How hard the environment is on the population now, in [0, 1]: grows with the book's drawdown.</summary>
    public double EnvironmentPressure { get; private set; }
    /// <summary>
    /// Off while paused or awaiting a person's confirmation: the market is followed, confirmed fills are booked and
    /// agents are reviewed, but no order is placed and no generation runs.
    /// </summary>
    public bool TradingEnabled { get; private set; } = true;

    /// <summary>Whether agents may place orders from the next cycle on (the loop: only while Running).</summary>
    public void AllowTrading(bool allowed) => TradingEnabled = allowed;

    /// <summary>Off for the out-of-sample part of a backtest: genomes are frozen, only bankruptcy still kills.</summary>
    public bool EvolutionEnabled { get; private set; } = true;

    /// <summary>Switches evolution on or off (a backtest freezes it for its out-of-sample part).</summary>
    public void AllowEvolution(bool allowed) => EvolutionEnabled = allowed;
    public long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The seed its random draws derive from; null when it was given a generator whole (a backtest).</summary>
    public int? Seed => _random.Seed;

    /// <summary>Bars on which agents could trade (indicators warm, trading on): the clock agents' ages for culling are counted by.</summary>
    public long TradableBars { get; private set; }

    /// <summary>Tradable bars <paramref name="agent"/> has lived (for a dead agent, as if it were alive).</summary>
    public long TradableAge(Agent agent) => TradableBars - agent.TradableBarsAtBirth;

    /// <summary>Equity of the whole book: the Mastermind's pool plus every agent's capital and positions.</summary>
    public decimal Equity => Mastermind.Pool + Ledger.Equity(Marks);

    public event Action<TradeRecord>? TradeBooked
    {
        add => _books.TradeBooked += value;
        remove => _books.TradeBooked -= value;
    }
    public event Action<FallenAgent>? AgentDied
    {
        add => _population.AgentDied += value;
        remove => _population.AgentDied -= value;
    }
    public event Action<Agent>? AgentBorn
    {
        add => _population.AgentBorn += value;
        remove => _population.AgentBorn -= value;
    }

    /// <summary>Agents ranked by net PnL at the current marks (ties by id).</summary>
    public IReadOnlyList<Agent> Rankings() =>
        [.. Living.OrderByDescending(a => Ledger.Private(a.Id).Pnl(Marks)).ThenBy(a => a.Id)];

    /// <summary>
    /// Fresh start: sets hedge-mode leverage on every traded swap and gives birth to the founders: random genomes of the configured
    /// profile, or <paramref name="founders"/> when given (a population evolved elsewhere, put to trade on its own).
    /// </summary>
    public async ValueTask StartAsync(CancellationToken ct = default, IReadOnlyList<(Genome Genome, Personality Personality)>? founders = null)
    {
        foreach (var swap in Traded.Where(i => i.Kind == InstrumentKind.Swap))
        foreach (var side in new[] { PositionSide.Long, PositionSide.Short })
            await _exchange.SetLeverageAsync(swap.InstId, side, _options.Risk.SwapLeverage, ct);
        var now = NowMs;
        StartedAtMs = now;
        _population.Found(now, TradableBars, founders);
    }

    /// <summary>One cycle for a closed bar of a one-series feed: its close prices every traded instrument (paper and live today).</summary>
    public ValueTask OnBarAsync(Candle candle, CancellationToken ct = default)
    {
        Array.Fill(_sameBarEach, candle);
        return OnBarsAsync(_sameBarEach, ct);
    }

    /// <summary>
    /// One cycle for a bar time of several aligned series: <paramref name="barsByTraded"/> holds each traded instrument's
    /// bar (in the order of <see cref="Traded"/>), an empty one where its series has none. Each underlying's indicators
    /// move with its own bar; an agent decides on the market of the instrument it trades, and only while that market is
    /// tradable (warm, and a bar that traded).
    /// </summary>
    public async ValueTask OnBarsAsync(IReadOnlyList<Candle> barsByTraded, CancellationToken ct = default)
    {
        var now = NowMs;
        _markets.Update(barsByTraded);
        for (var t = 0; t < Traded.Count; t++)
            if (!barsByTraded[t].IsEmpty) Marks[Traded[t]] = barsByTraded[t].Close;
        await DrainFillsAsync(ct);
        await CollectFundingAsync(now, ct);

        var equity = Equity;
        ObserveRisk(now, equity);
        if (_population.HourDue(now))
        {
            EnvironmentPressure = (double)Math.Clamp(SystemRisk.Drawdown / _options.Risk.MaxDrawdownPercent, 0m, 1m);
            _population.HourlyReview(now);
        }
        if (_population.DayDue(now)) _population.DailyReview(now);

        if (!TradingEnabled)
        {
            Cycle++;
            return;
        }
        var tradable = false;
        for (var u = 0; u < _markets.Count; u++) tradable |= _markets.Signals(u).Tradable;
        if (tradable)
        {
            TradableBars++;
            await TradeAsync(now, ct);
        }

        await CloseOutDyingAsync(now, ct);
        if (EvolutionEnabled && _population.GenerationDue(now))
            _population.RunGeneration(now, EnvironmentPressure, TradableBars, Market.IntervalMs);
        Cycle++;
    }

    private async ValueTask TradeAsync(long now, CancellationToken ct)
    {
        var halted = SystemRisk.State == TradingState.Halted;
        // Index loop: a booking may kill nobody mid-loop (deaths happen in reviews), so the list is stable here.
        var living = _population.Living;
        for (var i = 0; i < living.Count; i++)
        {
            var agent = living[i];
            if (agent.PendingDeath is not null) continue;
            var underlying = _markets.Of(agent.Instrument);
            // By reference: the snapshot is large, and an agent only reads it.
            ref readonly var signals = ref _markets.Signals(underlying);
            if (!signals.Tradable) continue;
            ref readonly var market = ref _markets.Snapshot(underlying);
            var price = (double)market.Close;
            var ledger = _population.LedgerOf(agent.Id);
            var lot = OpenLot(ledger, agent.Instrument);
            if (lot is not null)
            {
                var exit = AgentExitRules.Check(lot, price, now, agent.Genome, _maxHoldingMs);
                if (exit != ExitReason.None)
                {
                    await SubmitAsync(CloseIntent(agent, lot, exit.ToOrigin(), 1.0), bypassRisk: false, ct);
                    continue;
                }
            }
            if (halted) continue; // halted: protective exits only
            var view = new AgentView(
                HasPosition: lot is not null,
                PositionSide: lot?.Side ?? PositionSide.Long,
                EntryPrice: lot?.AveragePriceValue ?? 0,
                OpenedAtMs: lot?.OpenedAtMs ?? 0,
                PositionFraction: lot is null ? 0 : lot.MarginValue / Math.Max(1, ledger.BaseCapitalValue),
                CanShort: agent.CanShort,
                Personality: agent.Personality,
                Emotions: agent.Emotions,
                TradingLevel: agent.TradingLevel,
                InLastStand: agent.InLastStand,
                RoundTripCost: 2 * ((double)agent.Instrument.TakerFeeRate + _slippage),
                FundingPerHour: agent.Instrument.Kind == InstrumentKind.Spot ? 0 : _swapFundingPerHour);
            var decision = DecisionMaker.Decide(agent.Genome, view, signals, market);
            if (decision.Action == DecisionAction.Hold) continue;
            var intent = decision.Action == DecisionAction.Close
                ? CloseIntent(agent, lot!, TradeOrigin.Decision, decision.Confidence)
                : OpenIntent(agent, ledger, decision);
            if (intent is not null)
                await SubmitAsync(intent, bypassRisk: false, ct);
        }
    }

    private static PositionLot? OpenLot(PrivateLedger ledger, Instrument instrument)
    {
        var lot = ledger.Position(instrument, PositionSide.Long);
        if (lot is { IsOpen: true }) return lot;
        lot = ledger.Position(instrument, PositionSide.Short);
        return lot is { IsOpen: true } ? lot : null;
    }
}
