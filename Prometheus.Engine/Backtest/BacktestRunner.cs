using System.Globalization;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// Runs the whole population over a candle file through the live Supervisor, agents, risk and ledger code on the
/// simulated exchange (fees, slippage and funding); one candle file drives both BTC-USDT and BTC-USDT-SWAP (the basis is
/// ignored). The indicators warm up on the first bars, which are never traded nor measured; the founders are born when
/// they are warm. Evolution runs on the first <see cref="BacktestSettings.InSampleShare"/> of the traded bars; the rest
/// is reported as out-of-sample with genomes frozen. Beside the population: buy-and-hold, the exposure-matched
/// benchmark and cash over exactly the same bars. The same data and seed give the same ledger hash.
/// </summary>
public static class BacktestRunner
{
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
        var engineOptions = ForBacktest(options, settings.Agents, settings.Profile, settings.Series?.Select(f => f.InstrumentId).ToList());
        var errors = (settings.Series is null ? engineOptions.Validate() : engineOptions.ValidateForAlignedSeries()).ToList();
        if (errors.Count > 0)
            throw new BacktestInputException(errors[0]);
        var market = settings.Series is { } files ? BacktestMarket.Aligned(files, settings.From, settings.To, engineOptions) : BacktestMarket.OneSeries(LoadBars(settings), engineOptions);
        var bars = market.Timeline;
        if (bars.Count < 2)
            throw new BacktestInputException($"the range selected holds {bars.Count} bar time(s); a backtest needs at least 2");
        var interval = bars[1].TimestampMs - bars[0].TimestampMs;
        var warmup = market.Underlyings.Max(series => Warmup.Bars(series, engineOptions.Market));
        if (bars.Count - warmup < 2)
            throw new BacktestInputException(
                $"the range selected holds {bars.Count} bars, and the indicators' warm-up takes {warmup} of them: nothing would be left to trade");
        var from = warmup;
        var to = bars.Count;
        var split = Math.Clamp(from + (int)((to - from) * settings.InSampleShare), from + 1, to - 1);
        var funding = settings.Funding ?? FundingRates.Flat(engineOptions.Backtest.DefaultFundingRate);

        var run = await PopulationRun.RunAsync(new PopulationRunSpec(bars, 0, from, to, interval, engineOptions, settings.Seed, funding,
            FreezeAt: split, BarsByTraded: market.BarsByTraded), progress, ct);
        var supervisor = run.Supervisor;
        var capital = run.Equity.Start;
        var simulated = engineOptions.Simulated;
        // One leg per underlying traded (the swap on it): buy-and-hold and exposure-matched hold the basket equally weighted.
        var legs = market.Legs;
        var buyHold = Benchmarks.Basket(legs, from, to, interval, 1m, capital, simulated, funding, settings.Seed ^ 0xB4, rebalanceDaily: false);
        var exposure = decimal.Round((decimal)run.AvgNetExposure, 6);
        var matched = Benchmarks.Basket(legs, from, to, interval, exposure, capital, simulated, funding, settings.Seed ^ 0xE4, rebalanceDaily: true);
        var holdAfterSplit = Benchmarks.Basket(legs, split, to, interval, 1m, run.AfterFreeze!.Start, simulated, funding, settings.Seed ^ 0xB5, rebalanceDaily: false);

        var returns = run.Equity.DailyReturns();
        var (alpha, beta) = DailyStatistics.AlphaBeta(returns, buyHold.Equity.DailyReturns());
        var agents = supervisor.Agents.Values;
        var roundTrips = agents.Sum(a => a.RoundTrips);
        var fromTime = DateTimeOffset.FromUnixTimeMilliseconds(bars[from].TimestampMs);
        var toTime = DateTimeOffset.FromUnixTimeMilliseconds(bars[^1].TimestampMs + interval);
        var fundingTimes = funding.Between(engineOptions.PrimarySwap.InstId, bars[from].TimestampMs + 1, bars[^1].TimestampMs + interval + 1).ToList();
        var report = new BacktestReport
        {
            Data = settings.Series is { } named ? string.Join(", ", named.Select(f => Path.GetFileName(f.Path))) : Path.GetFileName(settings.DataPath),
            From = fromTime,
            To = toTime,
            Bars = to - from,
            Period = new PeriodReport(fromTime, toTime, warmup),
            Instruments = [.. engineOptions.Traded.Select(i => new InstrumentFills(i.Id, supervisor.Ledger.Records.Count(r => r.InstId == i.InstId)))],
            Agents = settings.Agents,
            Seed = settings.Seed,
            Profile = engineOptions.Evolution.GeneProfile.Name,
            InitialCapital = capital,
            FinalEquity = supervisor.Equity,
            Roi = run.Equity.Roi,
            RoiOnDeployed = run.DeployedCapital == 0m ? 0m : (run.Equity.Last - capital) / run.DeployedCapital,
            MaxDrawdown = run.Equity.MaxDrawdown,
            Sharpe = run.Equity.Sharpe,
            WinRate = roundTrips == 0 ? 0m : (decimal)agents.Sum(a => a.Wins) / roundTrips,
            Trades = run.Trades,
            AvgHoldingHours = roundTrips == 0 ? 0 : agents.Sum(a => a.TotalHoldingMs) / (double)roundTrips / 3_600_000,
            BuyHoldRoi = buyHold.Equity.Roi,
            BuyHoldMaxDrawdown = buyHold.Equity.MaxDrawdown,
            FeesPaid = run.FeesPaid,
            FundingPaid = run.FundingPaid,
            FundingEvents = new FundingEventsReport(fundingTimes.Count(f => f.Recorded), fundingTimes.Count(f => !f.Recorded)),
            BuyHold = Benchmark(1m, buyHold),
            ExposureMatched = Benchmark(exposure, matched),
            Cash = new BenchmarkReport(0m, 0m, 0, 0m, 0m, 0m),
            Alpha = alpha,
            Beta = beta,
            InformationRatio = DailyStatistics.InformationRatio(returns, matched.Equity.DailyReturns()),
            AvgNetExposure = run.AvgNetExposure,
            AvgGrossExposure = run.AvgGrossExposure,
            DeployedShare = run.DeployedShare,
            Births = supervisor.Births,
            Deaths = supervisor.Deaths,
            Valhalla = supervisor.Valhalla.Count,
            AgentsAlive = supervisor.Living.Count,
            OutOfSample = new SampleReport(
                DateTimeOffset.FromUnixTimeMilliseconds(bars[split].TimestampMs), toTime,
                run.AfterFreeze.Roi, run.AfterFreeze.MaxDrawdown, run.AfterFreeze.Sharpe, run.TradesAfterFreeze, holdAfterSplit.Equity.Roi),
            MedianAgent = MedianAgent(supervisor),
            BestAgent = Best(supervisor),
            ElapsedSeconds = run.Seconds,
            AgentBarsPerSecond = run.AgentBars / Math.Max(run.Seconds, 1e-9),
            LedgerHash = supervisor.Ledger.ComputeHash(),
            Bookings = supervisor.Bookings,
            BookingSeconds = supervisor.BookingSeconds,
            AgentBars = run.AgentBars,
        };
        return (report, supervisor, run.Exchange);
    }

    internal static BenchmarkReport Benchmark(decimal exposure, BookResult result) =>
        new(exposure, result.Equity.Roi, result.Equity.Sharpe, result.Equity.MaxDrawdown, result.FeesPaid, result.FundingPaid);

    /// <summary>
    /// The median of every agent that lived (alive at the end or in Valhalla) by final equity, i.e. by net PnL over its
    /// stake (all stakes are equal); the lower middle one when the count is even, ties by id.
    /// </summary>
    internal static AgentFigures? MedianAgent(Supervisor supervisor)
    {
        var all = supervisor.Agents.Values
            .Select(a =>
            {
                var ledger = supervisor.Ledger.Private(a.Id);
                var roi = ledger.InitialCapital == 0m ? 0m : ledger.Pnl(supervisor.Marks) / ledger.InitialCapital;
                return new AgentFigures(a.Id, roi, a.Performance.Sharpe(DailyStatistics.DaysPerYear), a.Performance.MaxDrawdown, a.Trades);
            })
            .OrderBy(f => f.Roi).ThenBy(f => f.Id)
            .ToList();
        return all.Count == 0 ? null : all[(all.Count - 1) / 2];
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

    internal static List<Candle> LoadBars(BacktestSettings settings)
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

        var (fromMs, toMs) = DayWindow(settings.From, settings.To);
        var bars = fromMs == long.MinValue && toMs == long.MaxValue ? all : all.FindAll(c => c.TimestampMs >= fromMs && c.TimestampMs < toMs);
        if (bars.Count < 2)
            throw new BacktestInputException($"the range selected holds {bars.Count} candle(s); a backtest needs at least 2");
        return bars;
    }

    /// <summary>
    /// The configured options with the population the backtest asks for, the gene profile asked for, and an exchange
    /// funded with the book's capital.
    /// </summary>
    internal static EngineOptions ForBacktest(EngineOptions options, int agents, string? profile = null, IReadOnlyList<string>? instruments = null)
    {
        var agentOptions = options.Agents.Clone();
        agentOptions.Initial = agents;
        agentOptions.Max = Math.Max(options.Agents.Max, agents);
        var simulated = options.Simulated.Clone();
        simulated.InitialBalance = options.Mastermind.TotalCapital;
        var evolution = options.Evolution;
        if (profile is not null && !string.Equals(profile, evolution.Profile, StringComparison.OrdinalIgnoreCase))
        {
            if (!GeneProfile.TryGet(profile, out _))
                throw new BacktestInputException(
                    $"--profile must be one of {string.Join(", ", GeneProfile.All.Select(p => p.Name))} (was '{profile}')");
            evolution = evolution.With(profile: profile);
        }
        return options.With(agentOptions, evolution, simulated, instruments is null ? null : options.Mastermind.WithInstruments(instruments));
    }

    /// <summary>--from and --to as open times [from, to) in Unix ms: --to is inclusive, the whole of that day; unbounded where not given.</summary>
    internal static (long FromMs, long ToMs) DayWindow(DateOnly? from, DateOnly? to) =>
        (from is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() : long.MinValue,
         to is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() : long.MaxValue);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
