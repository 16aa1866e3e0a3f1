using System.Diagnostics;
using System.Globalization;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// Runs the whole population over a candle file through the live Supervisor, agents, risk and ledger code on the
/// simulated exchange; one candle file drives both BTC-USDT and BTC-USDT-SWAP (the basis is ignored).
/// Evolution runs on the first <see cref="BacktestSettings.InSampleShare"/> of the bars; the rest is reported as
/// out-of-sample with genomes frozen. The same data and seed give the same ledger hash.
/// </summary>
public static class BacktestRunner
{
    private const int ProgressEveryBars = 4096;

    public static BacktestReport Run(BacktestSettings settings, EngineOptions options,
        IProgress<BacktestProgress>? progress = null, CancellationToken ct = default) =>
        RunAsync(settings, options, progress, ct).AsTask().GetAwaiter().GetResult();

    public static async ValueTask<BacktestReport> RunAsync(BacktestSettings settings, EngineOptions options,
        IProgress<BacktestProgress>? progress = null, CancellationToken ct = default) =>
        (await RunWithStateAsync(settings, options, progress, ct)).Report;

    /// <summary>The run with the engine it leaves behind, for tests that check the ledgers against the exchange.</summary>
    internal static async ValueTask<(BacktestReport Report, Supervisor Supervisor, SimulatedExchange Exchange)> RunWithStateAsync(
        BacktestSettings settings, EngineOptions options, IProgress<BacktestProgress>? progress, CancellationToken ct)
    {
        if (settings.Agents < 1)
            throw new BacktestInputException($"--agents must be at least 1 (was {settings.Agents})");
        if (settings.InSampleShare is <= 0 or >= 1)
            throw new BacktestInputException($"the in-sample share must be between 0 and 1 (was {settings.InSampleShare})");
        var bars = LoadBars(settings);
        var engineOptions = ForBacktest(options, settings.Agents);
        var errors = engineOptions.Validate().ToList();
        if (errors.Count > 0)
            throw new BacktestInputException(errors[0]);

        var interval = bars[1].TimestampMs - bars[0].TimestampMs;
        var clock = new ReplayClock(DateTimeOffset.FromUnixTimeMilliseconds(bars[0].TimestampMs));
        var exchange = new SimulatedExchange(engineOptions.Simulated, clock, new Random(settings.Seed ^ 0x5EED));
        var supervisor = new Supervisor(engineOptions, exchange, clock, new Random(settings.Seed));
        await supervisor.StartAsync(ct);

        var split = Math.Clamp((int)(bars.Count * settings.InSampleShare), 1, bars.Count - 1);
        var whole = new EquityStatistics(supervisor.Equity, bars[0].TimestampMs);
        var holdWhole = new EquityStatistics(bars[0].Close, bars[0].TimestampMs);
        EquityStatistics? outOfSample = null, holdOutOfSample = null;
        var tradesAtSplit = 0;
        long agentBars = 0;
        var watch = Stopwatch.StartNew();

        for (var i = 0; i < bars.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var bar = bars[i];
            var closeMs = bar.TimestampMs + interval;
            if (i == split)
            {
                supervisor.EvolutionEnabled = false;
                outOfSample = new EquityStatistics(supervisor.Equity, closeMs);
                holdOutOfSample = new EquityStatistics(bars[i - 1].Close, closeMs);
                tradesAtSplit = supervisor.Ledger.Records.Count;
            }
            clock.MoveTo(DateTimeOffset.FromUnixTimeMilliseconds(closeMs));
            exchange.OnBar(Instrument.BtcUsdt.InstId, bar);
            exchange.OnBar(Instrument.BtcUsdtSwap.InstId, bar);
            agentBars += supervisor.Living.Count;
            await supervisor.OnBarAsync(bar, ct);

            var equity = supervisor.Equity;
            whole.Observe(closeMs, equity);
            outOfSample?.Observe(closeMs, equity);
            if (!bar.IsEmpty)
            {
                holdWhole.Observe(closeMs, bar.Close);
                holdOutOfSample?.Observe(closeMs, bar.Close);
            }
            if (progress is not null && (i % ProgressEveryBars == 0 || i == bars.Count - 1))
                progress.Report(new BacktestProgress(i + 1, bars.Count, supervisor.Living.Count, supervisor.Ledger.Records.Count));
        }
        watch.Stop();

        var agents = supervisor.Agents.Values;
        var roundTrips = agents.Sum(a => a.RoundTrips);
        var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        var lastClose = bars[^1].TimestampMs + interval;
        var report = new BacktestReport
        {
            Data = Path.GetFileName(settings.DataPath),
            From = DateTimeOffset.FromUnixTimeMilliseconds(bars[0].TimestampMs),
            To = DateTimeOffset.FromUnixTimeMilliseconds(lastClose),
            Bars = bars.Count,
            Agents = settings.Agents,
            Seed = settings.Seed,
            InitialCapital = whole.Start,
            FinalEquity = supervisor.Equity,
            Roi = whole.Roi,
            MaxDrawdown = whole.MaxDrawdown,
            Sharpe = whole.Sharpe,
            WinRate = roundTrips == 0 ? 0m : (decimal)agents.Sum(a => a.Wins) / roundTrips,
            Trades = supervisor.Ledger.Records.Count,
            AvgHoldingHours = roundTrips == 0 ? 0 : agents.Sum(a => a.TotalHoldingMs) / (double)roundTrips / 3_600_000,
            BuyHoldRoi = holdWhole.Roi,
            BuyHoldMaxDrawdown = holdWhole.MaxDrawdown,
            FeesPaid = supervisor.Ledger.FeesTotal,
            Births = supervisor.Births,
            Deaths = supervisor.Deaths,
            Valhalla = supervisor.Valhalla.Count,
            AgentsAlive = supervisor.Living.Count,
            OutOfSample = new SampleReport(
                DateTimeOffset.FromUnixTimeMilliseconds(bars[split].TimestampMs),
                DateTimeOffset.FromUnixTimeMilliseconds(lastClose),
                outOfSample!.Roi, outOfSample.MaxDrawdown, outOfSample.Sharpe,
                supervisor.Ledger.Records.Count - tradesAtSplit, holdOutOfSample!.Roi),
            BestAgent = Best(supervisor),
            ElapsedSeconds = watch.Elapsed.TotalSeconds,
            AgentBarsPerSecond = agentBars / seconds,
            LedgerHash = supervisor.Ledger.ComputeHash(),
            Bookings = supervisor.Bookings,
            BookingSeconds = supervisor.BookingSeconds,
            AgentBars = agentBars,
        };
        return (report, supervisor, exchange);
    }

    private static BestAgentReport? Best(Supervisor supervisor)
    {
        var best = supervisor.Living.Where(a => a.PendingDeath is null)
            .Select(a =>
            {
                var ledger = supervisor.Ledger.Private(a.Id);
                var pnl = ledger.Pnl(supervisor.Marks);
                return (Agent: a, Ledger: ledger, Pnl: pnl);
            })
            .OrderByDescending(x => x.Pnl).ThenBy(x => x.Agent.Id)
            .FirstOrDefault();
        if (best.Agent is { } agent)
            return new BestAgentReport(agent.Id, agent.Name, best.Ledger.Equity(supervisor.Marks), best.Pnl, agent.Trades,
                agent.WinRate, agent.Fitness, agent.Genome.ToDictionary());
        var hero = supervisor.Valhalla.Heroes.FirstOrDefault();
        return hero is null ? null
            : new BestAgentReport(hero.Id, hero.Name, hero.FinalCapital, hero.LifetimePnl, hero.Trades, hero.WinRate, hero.Fitness,
                hero.Genome.ToDictionary());
    }

    private static List<Candle> LoadBars(BacktestSettings settings)
    {
        var all = new List<Candle>(capacity: 1 << 16);
        foreach (var candle in CandleFileReader.Read(settings.DataPath))
            all.Add(candle);
        if (all.Count < 2)
            throw new BacktestInputException($"{settings.DataPath} holds {all.Count} candle(s); a backtest needs at least 2");
        var first = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(all[0].TimestampMs).UtcDateTime);
        var last = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(all[^1].TimestampMs).UtcDateTime);
        if (settings.From is { } from && (from < first || from > last))
            throw new BacktestInputException($"--from {Iso(from)} is outside the data ({Iso(first)} to {Iso(last)})");
        if (settings.To is { } to && (to < first || to > last))
            throw new BacktestInputException($"--to {Iso(to)} is outside the data ({Iso(first)} to {Iso(last)})");
        if (settings.From is { } f && settings.To is { } t && f > t)
            throw new BacktestInputException($"--from {Iso(f)} is after --to {Iso(t)}");

        var fromMs = settings.From is { } a ? new DateTimeOffset(a.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() : long.MinValue;
        // --to is inclusive: the whole of that day.
        var toMs = settings.To is { } b ? new DateTimeOffset(b.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() : long.MaxValue;
        var bars = fromMs == long.MinValue && toMs == long.MaxValue ? all : all.FindAll(c => c.TimestampMs >= fromMs && c.TimestampMs < toMs);
        if (bars.Count < 2)
            throw new BacktestInputException($"the range selected holds {bars.Count} candle(s); a backtest needs at least 2");
        return bars;
    }

    /// <summary>The configured options with the population the backtest asks for, and an exchange funded with the book's capital.</summary>
    private static EngineOptions ForBacktest(EngineOptions options, int agents)
    {
        var agentOptions = options.Agents.Clone();
        agentOptions.Initial = agents;
        agentOptions.Max = Math.Max(options.Agents.Max, agents);
        var simulated = options.Simulated.Clone();
        simulated.InitialBalance = options.Mastermind.TotalCapital;
        return new EngineOptions
        {
            Market = options.Market,
            Agents = agentOptions,
            Evolution = options.Evolution,
            Risk = options.Risk,
            Mastermind = options.Mastermind,
            Simulated = simulated,
        };
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
