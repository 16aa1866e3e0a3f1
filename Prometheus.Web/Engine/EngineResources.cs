using Microsoft.Extensions.Options;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Exchange.Simulated.Persistence;
using Prometheus.Engine.Market;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Startup;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Engine;

/// <summary>
/// What the engine needs from the disk, opened once before the host serves anything so that a bad data dir, a
/// truncated or newer database, or a corrupt exchange store stops `serve` with one clear line and touches nothing:
/// the data dir's lock, the engine's store, the market clock, and in simulated mode the embedded exchange (its own
/// durable store) and the replayed candles. On OKX the gateway connects in the engine service. Disposed with the host,
/// after the engine's last save.
/// </summary>
public sealed class EngineResources(
    IConfiguration configuration,
    EngineOptions engineOptions,
    IOptions<PaperOptions> paper,
    IOptions<PersistenceOptions> persistence,
    IOptions<StoreOptions> storeOptions,
    IOptions<ExchangeOptions> exchange,
    TimeProvider wall) : IDisposable
{
    /// <summary>
    /// Prometheus:Evolution:Seed, or when unset one chosen at random for this start: the population's seed on a fresh data
    /// dir (a restart goes on with the seed saved in the store), and the paper market's (slippage).
    /// </summary>
    public int Seed { get; } = engineOptions.Evolution.Seed ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);

    private readonly Lock _gate = new();
    private DataDirectoryLock? _lock;
    private StoreLease? _lease;

    public string DataDir { get; private set; } = "";
    public EngineStore Store { get; private set; } = null!;
    /// <summary>The embedded exchange and its replayed candles (simulated mode only; null on OKX).</summary>
    public SimulatedExchange? Exchange { get; private set; }
    public ReplayFeed? Feed { get; private set; }
    public ExchangeMode Mode => exchange.Value.Mode;

    /// <summary>The OKX gateway and its bar feed once connected (OKX mode), closed with the rest.</summary>
    public List<IAsyncDisposable> Connections { get; } = [];
    public MarketClock MarketClock { get; private set; } = null!;
    public TimeProvider Wall => wall;
    public bool IsOpen => _lock is not null;

    /// <summary>Opens everything (once; later calls do nothing).</summary>
    /// <exception cref="EngineStoreException">The data dir or the engine's database cannot be used.</exception>
    /// <exception cref="ExchangeStoreException">The simulated exchange's store cannot be used.</exception>
    public void Open()
    {
        lock (_gate)
        {
            if (_lock is not null) return;
            var dataDir = DataDirectory.Resolve(configuration);
            var directoryLock = DataDirectoryLock.Acquire(dataDir);
            var location = storeOptions.Value.Location(dataDir);
            try
            {
                // On PostgreSQL the store may be shared by machines: the account's lease keeps it to one engine.
                if (location.IsPostgres) _lease = StoreLease.Acquire(location, Account);
                Store = EngineStore.Open(location, wall, persistence.Value);
                // The market clock starts at the epoch; the engine service moves it to where trading resumes.
                MarketClock = new MarketClock(DateTimeOffset.UnixEpoch);
                if (Mode == ExchangeMode.Simulated)
                {
                    // Its swaps pay funding: the shipped recorded rates, Prometheus:Backtest:DefaultFundingRate elsewhere.
                    Exchange = EngineComposition.OpenSimulatedExchange(Path.Combine(dataDir, SqliteSimulatedExchangeStore.DefaultFileName), engineOptions,
                        MarketClock, Seed, ShippedData.FundingRates(engineOptions.Backtest.DefaultFundingRate));
                    if (paper.Value.Series is not { Length: > 0 } && engineOptions.Traded.Select(i => i.BaseCcy).Distinct().Count() > 1)
                        throw new OptionsValidationException(PaperOptions.Section, typeof(PaperOptions),
                            [$"{PaperOptions.Section}:Series must give a series per coin traded: one file ({PaperOptions.Section}:Data) prices one coin, and {MastermindOptions.Section}:Instruments trades {string.Join(", ", engineOptions.Traded.Select(i => i.BaseCcy).Distinct())}"]);
                    Feed = paper.Value.Series is { Length: > 0 } series ? ReplayMarket.Aligned(series, engineOptions) : new ReplayFeed(CandleFileReader.Read(paper.Value.DataPath));
                }
                DataDir = dataDir;
                _lock = directoryLock;
            }
            catch
            {
                Exchange?.Dispose();
                Store?.Dispose();
                _lease?.Dispose();
                _lease = null;
                directoryLock.Dispose();
                throw;
            }
        }
    }

    /// <summary>The account the engine trades: the OKX API key (only its hash reaches the database), or the embedded simulated exchange.</summary>
    private string Account => Mode == ExchangeMode.Okx ? "okx:" + exchange.Value.Okx.ApiKey : "simulated";

    public void Dispose()
    {
        lock (_gate)
        {
            if (_lock is null) return;
            try
            {
                Store.Dispose();
            }
            finally
            {
                Exchange?.Dispose();
                foreach (var connection in Enumerable.Reverse(Connections))
                    connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
                Connections.Clear();
                _lease?.Dispose();
                _lease = null;
                _lock.Dispose();
                _lock = null;
            }
        }
    }
}
