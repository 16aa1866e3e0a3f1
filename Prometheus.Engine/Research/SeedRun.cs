using Prometheus.Engine.Agents;
using Prometheus.Engine.Backtest;

namespace Prometheus.Engine.Research;

/// <summary>One seed of a research run: its evolution, its test windows with their nulls and benchmarks, its holdout.</summary>
internal static class SeedRun
{
    public static SeedOutcome Run(ResearchContext context, int seed, Action windowDone, CancellationToken ct)
    {
        var plan = context.Plan;
        var settings = context.Settings;
        long agentBars = 0;
        var populations = Evolve(context, seed, ref agentBars, ct);

        var chains = new ModelChains();
        var windows = new List<WindowReport>(plan.Windows.Count);
        for (var k = 0; k < plan.Windows.Count; k++)
        {
            var window = plan.Windows[k];
            var (report, test) = TradeWindow(context, seed, k, window, populations[k], chains, ref agentBars, ct);
            windows.Add(new WindowReport(ResearchRunner.Time(window.TrainFrom), ResearchRunner.Time(window.TrainTo),
                ResearchRunner.Time(window.TestFrom), ResearchRunner.Time(window.TestTo), report.Agents, report.Exposure, test.AvgGross,
                report.Models.Population, report.Models.RandomTiming, report.Models.FrozenGenomes, report.Models.ExposureMatched,
                report.Models.BuyHold));
            windowDone();
        }

        HoldoutReport? holdout = null;
        if (settings.Final)
        {
            var window = plan.HoldoutWindow(settings.TrainDays);
            var (report, _) = TradeWindow(context, seed, plan.Windows.Count, window, populations[plan.Windows.Count], null, ref agentBars, ct);
            holdout = new HoldoutReport(ResearchRunner.Time(window.TestFrom), ResearchRunner.Time(window.TestTo), report.Agents, report.Exposure,
                report.Models);
            windowDone();
        }
        return new SeedOutcome(new SeedReport(seed, windows, chains.Figures(), holdout, chains.Equity()), agentBars);
    }

    /// <summary>
    /// The populations each test window (and the holdout, last) is traded by, evolved on the training data only:
    /// anchored, one run from the start captured at each window's first bar; rolling, one run per window.
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<(Genome Genome, Personality Personality)>> Evolve(ResearchContext context, int seed,
        ref long agentBars, CancellationToken ct)
    {
        var plan = context.Plan;
        var trainings = plan.Windows.ToList();
        if (context.Settings.Final) trainings.Add(plan.HoldoutWindow(context.Settings.TrainDays));
        var populations = new List<IReadOnlyList<(Genome, Personality)>>(trainings.Count);
        var warmup = plan.WarmupBars;
        if (context.Settings.TrainDays is null)
        {
            var captures = trainings.Select(w => context.Index(w.TrainTo)).ToList();
            var from = context.Index(plan.TradableFrom);
            var run = Run(new PopulationRunSpec(context.Bars, from - warmup, from, captures[^1], context.IntervalMs, context.Options,
                SeedStreams.For(seed, SeedStreams.Evolution), context.Funding, CaptureAt: captures, BarsByTraded: context.Market.BarsByTraded), ct);
            agentBars += run.AgentBars;
            populations.AddRange(captures.Select(c => run.Captured[c]));
            return populations;
        }
        for (var k = 0; k < trainings.Count; k++)
        {
            var from = context.Index(trainings[k].TrainFrom);
            var to = context.Index(trainings[k].TrainTo);
            var run = Run(new PopulationRunSpec(context.Bars, from - warmup, from, to, context.IntervalMs, context.Options,
                SeedStreams.For(seed, SeedStreams.Evolution + 1000 * k), context.Funding, CaptureAt: [to], BarsByTraded: context.Market.BarsByTraded), ct);
            agentBars += run.AgentBars;
            populations.Add(run.Captured[to]);
        }
        return populations;
    }

    private sealed record WindowOutcome(int Agents, decimal Exposure, ModelSet Models);

    private readonly record struct TestFacts(double AvgGross);

    /// <summary>
    /// A window's test bars traded by the evolved population (frozen), by random genomes (frozen), by random timing of
    /// the population's own entries, by the exposure-matched benchmark and by buy-and-hold; each from the same capital.
    /// </summary>
    private static (WindowOutcome Outcome, TestFacts Facts) TradeWindow(ResearchContext context, int seed, int k, WalkForwardWindow window,
        IReadOnlyList<(Genome Genome, Personality Personality)> founders, ModelChains? chains, ref long agentBars, CancellationToken ct)
    {
        var bars = context.Bars;
        var from = context.Index(window.TestFrom);
        var to = context.Index(window.TestTo);
        var warmupFrom = from - context.Plan.WarmupBars;
        var interval = context.IntervalMs;
        var capital = context.Options.Mastermind.TotalCapital;
        var simulated = context.Options.Simulated;
        var funding = context.Funding;

        var legs = context.Market.Legs;
        var buyHold = Benchmarks.Basket(legs, from, to, interval, 1m, capital, simulated, funding, SeedStreams.For(seed, SeedStreams.BuyHold + k), rebalanceDaily: false);
        var benchmark = buyHold.Equity.DailyReturns();
        BookResult population, frozen, random;
        var exposure = 0m;
        double gross = 0;
        if (founders.Count == 0)
        {
            // Every agent died in training: nothing trades; the book stays cash.
            population = frozen = random = Cash(bars, from, to, interval, capital);
        }
        else
        {
            var options = BacktestRunner.ForBacktest(context.Options, founders.Count);
            var test = Run(new PopulationRunSpec(bars, warmupFrom, from, to, interval, options, SeedStreams.For(seed, SeedStreams.PopulationTest + k),
                funding, founders, Evolve: false, BarsByTraded: context.Market.BarsByTraded), ct);
            agentBars += test.AgentBars;
            exposure = decimal.Round((decimal)test.AvgNetExposure, 6);
            gross = test.AvgGrossExposure;
            population = new BookResult(test.Equity, test.FeesPaid, test.FundingPaid, test.Trades);
            var entries = test.Entries(bars, from, to, interval);
            random = Benchmarks.RandomTiming(legs, from, to, interval, entries, capital, simulated, funding,
                SeedStreams.For(seed, SeedStreams.RandomTiming + k));

            var founderRandom = new Random(SeedStreams.For(seed, SeedStreams.FrozenFounders + k));
            var profile = context.Options.Evolution.GeneProfile;
            var randomFounders = founders.Select(_ => (Genome.Random(founderRandom, profile), Personality.Random(founderRandom))).ToList();
            var frozenRun = Run(new PopulationRunSpec(bars, warmupFrom, from, to, interval, options, SeedStreams.For(seed, SeedStreams.FrozenRun + k),
                funding, randomFounders, Evolve: false, BarsByTraded: context.Market.BarsByTraded), ct);
            agentBars += frozenRun.AgentBars;
            frozen = new BookResult(frozenRun.Equity, frozenRun.FeesPaid, frozenRun.FundingPaid, frozenRun.Trades);
        }
        var matched = Benchmarks.Basket(legs, from, to, interval, exposure, capital, simulated, funding,
            SeedStreams.For(seed, SeedStreams.ExposureMatched + k), rebalanceDaily: true);

        chains?.Append(population, random, frozen, matched, buyHold);
        var models = new ModelSet(Figures(population, benchmark), Figures(random, benchmark), Figures(frozen, benchmark),
            Figures(matched, benchmark), Figures(buyHold, benchmark));
        return (new WindowOutcome(founders.Count, exposure, models), new TestFacts(gross));
    }

    internal static ModelFigures Figures(BookResult result, double[] benchmarkReturns)
    {
        var returns = result.Equity.DailyReturns();
        var (alpha, beta) = DailyStatistics.AlphaBeta(returns, benchmarkReturns);
        return new ModelFigures(result.Equity.Roi, DailyStatistics.Sharpe(returns), result.Equity.MaxDrawdown, result.Trades, result.FeesPaid,
            result.FundingPaid, alpha, beta);
    }

    private static BookResult Cash(IReadOnlyList<Market.Candle> bars, int from, int to, long interval, decimal capital)
    {
        var curve = new EquityCurve(capital);
        for (var i = from; i < to; i++) curve.Observe(bars[i].TimestampMs + interval, capital);
        return new BookResult(curve, 0m, 0m, 0);
    }

    private static PopulationResult Run(PopulationRunSpec spec, CancellationToken ct) =>
        PopulationRun.RunAsync(spec, progress: null, ct).AsTask().GetAwaiter().GetResult();

    /// <summary>Each model's test windows joined end to end.</summary>
    private sealed class ModelChains
    {
        private readonly ChainedCurve _population = new(), _random = new(), _frozen = new(), _matched = new(), _buyHold = new();

        public void Append(BookResult population, BookResult random, BookResult frozen, BookResult matched, BookResult buyHold)
        {
            Add(_population, population);
            Add(_random, random);
            Add(_frozen, frozen);
            Add(_matched, matched);
            Add(_buyHold, buyHold);
        }

        public ModelSet Figures()
        {
            var benchmark = _buyHold.DailyReturns.ToArray();
            return new ModelSet(Of(_population, benchmark), Of(_random, benchmark), Of(_frozen, benchmark), Of(_matched, benchmark),
                Of(_buyHold, benchmark));
        }

        public IReadOnlyList<EquityPoint> Equity() =>
            [.. _population.Days.Select((day, i) => new EquityPoint(DateTimeOffset.FromUnixTimeMilliseconds(day * 86_400_000),
                _population.DailyLevels[i], _random.DailyLevels[i], _frozen.DailyLevels[i], _matched.DailyLevels[i], _buyHold.DailyLevels[i]))];

        private static void Add(ChainedCurve chain, BookResult result) =>
            chain.Append(result.Equity, result.Trades, result.FeesPaid, result.FundingPaid);

        private static ModelFigures Of(ChainedCurve chain, double[] benchmark)
        {
            var returns = chain.DailyReturns.ToArray();
            var (alpha, beta) = DailyStatistics.AlphaBeta(returns, benchmark);
            return new ModelFigures(chain.Roi, DailyStatistics.Sharpe(returns), chain.MaxDrawdown, chain.Trades, chain.FeesPaid, chain.FundingPaid,
                alpha, beta);
        }
    }
}
