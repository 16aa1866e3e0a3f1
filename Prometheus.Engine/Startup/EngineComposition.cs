using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Startup;

/// <summary>
/// Where the engine's parts are put together, for every way it runs. An engine is a <see cref="Supervisor"/> (deciding
/// and routing; with its <see cref="OrderDesk"/>, <see cref="Bookkeeper"/>, <see cref="Population"/>,
/// <see cref="Mastermind"/> and risk) over an <see cref="IExchange"/>, driven bar by bar by a <see cref="TradingLoop"/>
/// from an <see cref="IBarFeed"/> on a <see cref="MarketClock"/>:
/// <list type="bullet">
/// <item><b>serve, paper</b>: the embedded exchange kept in the data dir (<see cref="OpenSimulatedExchange"/>), a replay
/// of the shipped candles, the loop paced and checkpointing into the store (<see cref="Loop"/>); the Supervisor fresh or
/// restored by <see cref="EngineStartup"/>.</item>
/// <item><b>serve, live</b>: the OKX gateway and OKX's closed bars, the same loop and start.</item>
/// <item><b>backtest and research</b>: an exchange in memory (<see cref="InMemorySimulatedExchange"/>), the range as a feed
/// that ends, the same loop unpaced with no store and no readers (<see cref="BacktestLoop"/>): <c>PopulationRun</c>.</item>
/// <item><b>bench</b>: the parts of the path it measures (a backtest, the store, a restart, the OKX round trip).</item>
/// <item><b>exchange-sim</b>: the simulated exchange alone, behind OKX's API; it is not an engine.</item>
/// </list>
/// Randomness: the Supervisor draws from the run's seed, the simulated exchange from that seed salted
/// (<see cref="ExchangeSeed"/>), so the fills' slippage and the agents' draws are two streams, each the same for a seed.
/// </summary>
public static class EngineComposition
{
    /// <summary>The simulated exchange's seed for a run seeded <paramref name="seed"/>.</summary>
    public static int ExchangeSeed(int seed) => seed ^ 0x5EED;

    /// <summary>A simulated exchange in memory (a backtest, a bench) listing <paramref name="instruments"/> (default: what the options list).</summary>
    public static SimulatedExchange InMemorySimulatedExchange(EngineOptions options, TimeProvider clock, int seed, FundingRates? funding = null,
        IReadOnlyList<Instrument>? instruments = null) =>
        new(options.Simulated, clock, new Random(ExchangeSeed(seed)), instruments ?? options.Listed, funding);

    /// <summary>The embedded exchange kept at <paramref name="path"/> (paper trading): the one saved there, or a fresh one.</summary>
    /// <exception cref="ExchangeStoreException">The file cannot be used (see <see cref="SimulatedExchange.Open(string, SimulatedExchangeOptions, TimeProvider, Random, IEnumerable{Instrument}?, FundingRates?)"/>).</exception>
    public static SimulatedExchange OpenSimulatedExchange(string path, EngineOptions options, TimeProvider clock, int seed, FundingRates funding) =>
        SimulatedExchange.Open(path, options.Simulated, clock, new Random(ExchangeSeed(seed)), options.Listed, funding);

    /// <summary>The loop of paper and live trading: paced at <paramref name="barsPerSecond"/>, checkpointing and snapshotting into <paramref name="store"/>.</summary>
    /// <param name="market">Gives each bar to the exchange's market before the Supervisor sees it (the simulated exchange's bars; nothing on OKX).</param>
    public static TradingLoop Loop(Supervisor supervisor, IBarFeed feed, Action<Candle> market, MarketClock clock, TimeProvider wall,
        double barsPerSecond, int checkpointEveryCycles, SnapshotSchedule snapshots, ICheckpointSink store, EngineState initialState, string mode) =>
        new(supervisor, feed, market, clock, wall, barsPerSecond, checkpointEveryCycles, snapshots, store, initialState, mode);

    /// <summary>The loop of a backtest: unpaced, saving nothing, publishing nothing, running from the first bar of <paramref name="feed"/> to its end.</summary>
    public static TradingLoop BacktestLoop(Supervisor supervisor, IBarFeed feed, Action<Candle> market, MarketClock clock) =>
        new(supervisor, feed, market, clock, TimeProvider.System, double.PositiveInfinity, int.MaxValue,
            SnapshotSchedule.From(int.MaxValue, TimeSpan.MaxValue, 0, DateTimeOffset.MinValue), sink: null, EngineState.Running, "backtest")
        {
            PublishesReadModel = false,
        };
}
