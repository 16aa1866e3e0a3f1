using Prometheus.Engine.Agents;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Risk;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Configuration;

/// <summary>Every module's options in one place, as the engine is built from them.</summary>
public sealed class EngineOptions : IValidatable
{
    public MarketOptions Market { get; init; } = new();
    public AgentOptions Agents { get; init; } = new();
    public EvolutionOptions Evolution { get; init; } = new();
    public RiskOptions Risk { get; init; } = new();
    public MastermindOptions Mastermind { get; init; } = new();
    public SimulatedExchangeOptions Simulated { get; init; } = new();
    public BacktestOptions Backtest { get; init; } = new();

    /// <summary>Every instrument the product knows: the shipped catalog with Prometheus:Instruments laid over it.</summary>
    public InstrumentCatalog Instruments { get; init; } = InstrumentCatalog.Shipped;

    /// <summary>The instruments agents trade (Prometheus:Mastermind:Instruments), in the catalog's specs.</summary>
    public IReadOnlyList<Instrument> Traded => _traded ??= [.. Mastermind.InstrumentIds.Select(Instruments.Get)];
    private IReadOnlyList<Instrument>? _traded;

    /// <summary>What an exchange the engine runs on must list: the traded instruments and the primary swap.</summary>
    public IReadOnlyList<Instrument> Listed => Traded.Contains(PrimarySwap) ? Traded : [.. Traded, PrimarySwap];

    /// <summary>
    /// The swap whose candles drive the engine (one series prices every traded instrument) and that the benchmarks hold
    /// (buy-and-hold, exposure-matched): the first traded swap, else the catalog's swap on the traded coin.
    /// </summary>
    public Instrument PrimarySwap =>
        Traded.FirstOrDefault(i => i.Kind == InstrumentKind.Swap)
        ?? Instruments.FirstOrDefault(i => i.Kind == InstrumentKind.Swap && i.BaseCcy == Traded[0].BaseCcy)
        ?? throw new InvalidOperationException($"No swap on {Traded[0].BaseCcy} is in the instrument catalog: the benchmarks need one.");

    /// <summary>The same options with a population of <paramref name="initial"/> founders (and room for them).</summary>
    public EngineOptions WithPopulation(int initial)
    {
        var agents = Agents.Clone();
        agents.Initial = initial;
        agents.Max = Math.Max(initial, Agents.Max);
        return With(agents: agents);
    }

    /// <summary>
    /// A copy with the sections given replaced and every other one shared: the one place a copy is made, so a section
    /// added to the options is carried by every copy.
    /// </summary>
    public EngineOptions With(AgentOptions? agents = null, EvolutionOptions? evolution = null, SimulatedExchangeOptions? simulated = null,
        MastermindOptions? mastermind = null) => new()
    {
        Market = Market, Agents = agents ?? Agents, Evolution = evolution ?? Evolution, Risk = Risk, Mastermind = mastermind ?? Mastermind,
        Simulated = simulated ?? Simulated, Backtest = Backtest, Instruments = Instruments,
    };

    /// <summary>Every problem of the options for an engine driven by one price series (paper, live, a one-file backtest).</summary>
    public IEnumerable<string> Validate() => Validate(oneSeries: true);

    /// <summary>Every problem of the options for a run over aligned series, one per underlying (a multi-instrument backtest).</summary>
    public IEnumerable<string> ValidateForAlignedSeries() => Validate(oneSeries: false);

    private IEnumerable<string> Validate(bool oneSeries) =>
        Market.Validate().Concat(Agents.Validate()).Concat(Evolution.Validate())
            .Concat(Risk.Validate()).Concat(Mastermind.Validate()).Concat(Simulated.Validate())
            .Concat(Backtest.Validate()).Concat(ValidateTraded(oneSeries));

    private IEnumerable<string> ValidateTraded(bool oneSeries)
    {
        const string key = MastermindOptions.Section + ":Instruments";
        if (Mastermind.InstrumentIds.Count == 0) yield return $"{key} must name at least one instrument";
        foreach (var id in Mastermind.InstrumentIds.Where(id => !Instruments.Contains(id)))
            yield return $"{key}: '{id}' is not a known instrument (known: {string.Join(", ", Instruments.Select(i => i.Id))}; add one under Prometheus:Instruments)";
        if (Mastermind.InstrumentIds.Count != Mastermind.InstrumentIds.Distinct(StringComparer.Ordinal).Count())
            yield return $"{key} names an instrument twice";
        // Paper and live run on one price series today: every traded instrument is priced by it, so they must share one coin.
        var coins = Mastermind.InstrumentIds.Where(Instruments.Contains).Select(id => Instruments.Get(id).BaseCcy).Distinct().ToList();
        if (coins.Count == 1 && !Instruments.Any(i => i.Kind == InstrumentKind.Swap && i.BaseCcy == coins[0]))
            yield return $"{key}: the benchmarks hold a swap on {coins[0]}, and the instrument catalog has none (add one under Prometheus:Instruments)";
        if (oneSeries && coins.Count > 1)
            yield return $"{key}: the engine prices every traded instrument from one candle series, so they must share one base currency (named: {string.Join(", ", coins)}); a backtest over several takes --instruments";
    }
}
