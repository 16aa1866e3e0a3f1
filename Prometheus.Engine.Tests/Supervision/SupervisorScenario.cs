using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Supervision;

/// <summary>
/// A Supervisor on the simulated exchange, fed real 15m candles bar by bar; the regime window is one day so
/// indicators warm up within a hundred bars.
/// </summary>
internal sealed class SupervisorScenario
{
    private static readonly Lazy<Candle[]> Candles = new(() =>
        CandleFileReader.Read(TestData.Path("btc-usdt-swap-15m-okx-20230101-20260418.csv.gz")).Take(20_000).ToArray());

    private int _next;

    /// <param name="random">What the Supervisor draws from; by default a generator seeded with <paramref name="seed"/>, drawn in order.</param>
    public SupervisorScenario(Action<EngineOptions>? configure = null, int seed = 11, int agents = 8, RandomSource? random = null)
    {
        Options = new EngineOptions
        {
            Market = new MarketOptions { RegimeWindowDays = 1 },
            Agents = new AgentOptions { Initial = agents, Max = agents },
        };
        Options.Simulated.InitialBalance = Options.Mastermind.TotalCapital;
        Options.Simulated.RandomSlippageBps = 0m;
        configure?.Invoke(Options);
        Clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Candles.Value[0].TimestampMs));
        Exchange = new SimulatedExchange(Options.Simulated, Clock, new Random(seed));
        Supervisor = new Supervisor(Options, Exchange, Clock, random ?? RandomSource.Sequential(new Random(seed)));
        Supervisor.StartAsync().AsTask().GetAwaiter().GetResult();
    }

    private SupervisorScenario(SupervisorScenario from, Supervisor supervisor)
    {
        Options = from.Options;
        Clock = from.Clock;
        Exchange = from.Exchange;
        Supervisor = supervisor;
        _next = from._next;
    }

    /// <summary>The same market, clock and exchange, driving another Supervisor (a restored one) from here on.</summary>
    public SupervisorScenario WithSupervisor(Supervisor supervisor) => new(this, supervisor);

    public EngineOptions Options { get; }
    public ManualTimeProvider Clock { get; }
    public SimulatedExchange Exchange { get; }
    public Supervisor Supervisor { get; }

    /// <summary>The bars fed so far, oldest first.</summary>
    public IReadOnlyList<Candle> Fed => Candles.Value[.._next];

    public async Task StepAsync(int bars = 1)
    {
        for (var i = 0; i < bars; i++)
        {
            var bar = Candles.Value[_next++];
            Clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(bar.TimestampMs + 900_000));
            Exchange.OnBar(TestInstruments.BtcUsdt.InstId, bar);
            Exchange.OnBar(TestInstruments.BtcUsdtSwap.InstId, bar);
            await Supervisor.OnBarAsync(bar);
        }
    }

    /// <summary>Steps until <paramref name="condition"/> holds, at most <paramref name="maxBars"/> bars.</summary>
    public async Task StepUntilAsync(Func<Supervisor, bool> condition, int maxBars = 15_000)
    {
        for (var i = 0; i < maxBars && !condition(Supervisor); i++)
            await StepAsync();
        Assert.True(condition(Supervisor), $"condition not reached within {maxBars} bars");
    }

    public IEnumerable<Agent> Holding(Instrument instrument, PositionSide side) =>
        Supervisor.Living.Where(a => Supervisor.Ledger.Private(a.Id).Position(instrument, side) is { IsOpen: true });
}
