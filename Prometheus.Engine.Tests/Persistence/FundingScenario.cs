using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>
/// Swap agents on a simulated exchange that settles funding (a flat 0.01% every 8 hours), fed real 15m candles bar by
/// bar, saving to a real <see cref="EngineStore"/> as the trading loop does (every write as it happens, a checkpoint
/// every 5 bars, a snapshot every 40; none with <c>checkpoints: false</c>, so that a restore replays the whole journal).
/// Two scenarios with the same seed are twins: they make the same decisions. The store is SQLite's, or a PostgreSQL
/// database of its own (<see cref="TestStore"/>).
/// </summary>
internal sealed class FundingScenario : IDisposable
{
    public const decimal Rate = 0.0001m;

    private static readonly Lazy<Candle[]> Candles = new(() =>
        CandleFileReader.Read(TestData.Path(TestData.Okx15m)).Take(3_000).ToArray());

    private readonly bool _checkpoints;
    private int _next;

    private readonly TestStore _database;

    public FundingScenario(int seed = 11, int agents = 8, bool checkpoints = true, StoreProvider provider = StoreProvider.Sqlite)
    {
        _checkpoints = checkpoints;
        Options = new EngineOptions
        {
            Market = new MarketOptions { RegimeWindowDays = 1 },
            Agents = new AgentOptions { Initial = agents, Max = agents },
        };
        Options.Mastermind.SpotShare = 0m; // every agent trades the swap: funding is theirs to pay
        Options.Simulated.InitialBalance = Options.Mastermind.TotalCapital;
        Options.Simulated.RandomSlippageBps = 0m;
        Clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Candles.Value[0].TimestampMs));
        Exchange = new SimulatedExchange(Options.Simulated, Clock, new Random(seed), funding: FundingRates.Flat(Rate));
        Supervisor = new Supervisor(Options, Exchange, Clock, new Random(seed));
        Supervisor.StartAsync().AsTask().GetAwaiter().GetResult();
        _database = new TestStore(provider);
        DataDir = _database.Location.DataDir;
        Store = EngineStore.Open(Location, Clock, Persistence);
        Store.Seed(Supervisor.CaptureSnapshot(), []);
        Supervisor.AttachStore(Store);
    }

    public EngineOptions Options { get; }
    public ManualTimeProvider Clock { get; }
    public SimulatedExchange Exchange { get; }
    public PersistenceOptions Persistence { get; } = new();
    public string DataDir { get; }
    public StoreLocation Location => _database.Location;
    public EngineStore Store { get; private set; }
    public Supervisor Supervisor { get; private set; }
    /// <summary>Bars stepped so far.</summary>
    public int Bar => _next;

    /// <summary>One bar: the exchange sees it (and settles funding when it reaches a funding time), then the Supervisor.</summary>
    public async Task StepAsync()
    {
        var bar = Candles.Value[_next++];
        Clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(bar.TimestampMs + 900_000));
        Exchange.OnBar(TestInstruments.BtcUsdt.InstId, bar);
        Exchange.OnBar(TestInstruments.BtcUsdtSwap.InstId, bar);
        await Supervisor.OnBarAsync(bar);
        if (!_checkpoints) return;
        if (_next % 5 == 0) Store.Checkpoint(Supervisor.CaptureCheckpoint());
        if (_next % 40 == 0) Store.Snapshot(Supervisor.CaptureSnapshot());
    }

    public async Task RunUntilAsync(Func<Supervisor, bool> condition, int maxBars = 2_500)
    {
        for (var i = 0; i < maxBars && !condition(Supervisor); i++)
            await StepAsync();
        Assert.True(condition(Supervisor), $"condition not reached within {maxBars} bars");
    }

    /// <summary>A graceful stop: a last checkpoint, everything flushed.</summary>
    public async Task StopAsync()
    {
        Store.Checkpoint(Supervisor.CaptureCheckpoint());
        await Store.FlushAsync();
    }

    /// <summary>
    /// The process died: the engine is dropped (the exchange, like a real one, lives on), the store closed as an exit
    /// closes it, and a new engine is restored from what the store kept and attached to a reopened store.
    /// </summary>
    public Supervisor Restart()
    {
        Store.Dispose();
        LoadedState loaded;
        using (var reader = StoreReader.Open(Location))
            loaded = reader.Load();
        Supervisor = Supervisor.Restore(Options, Exchange, Clock, new Random(1), loaded.State, loaded.Records, loaded.Funding);
        Store = EngineStore.Open(Location, Clock, Persistence);
        Supervisor.AttachStore(Store);
        return Supervisor;
    }

    /// <summary>What the engine does with the exchange's funding bills at its next cycle: shares each one out (idempotently).</summary>
    public async Task CollectFundingAsync()
    {
        foreach (var bill in await Exchange.GetFundingBillsAsync())
            Supervisor.BookFunding(bill);
    }

    public StoreReader Reader() => StoreReader.Open(Location);

    public void Dispose()
    {
        Store.Dispose();
        _database.Dispose();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
