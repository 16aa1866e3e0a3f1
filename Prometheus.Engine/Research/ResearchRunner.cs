using System.Diagnostics;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Research;

/// <summary>
/// Walk-forward research over many seeds, each a full and independent run, in parallel. For each seed: a population
/// evolves on the training data (anchored: one run from the start, its living population captured at the start of
/// each test window; rolling: a fresh run on the days before each window); each captured population then trades its
/// test window with its genomes frozen, from fresh capital, its indicators warmed up on the bars before. Beside it, over
/// the same bars with the same costs: random timing (the population's own entries moved to random bars), frozen
/// genomes (random genomes, no evolution), the exposure-matched benchmark, and buy-and-hold. The holdout is not read
/// without --final; with it, each seed's population evolved on everything before the holdout trades it once.
/// The report is the same whatever the parallelism: each seed draws only from its own streams.
/// </summary>
public static class ResearchRunner
{
    public static ResearchReport Run(ICandleSource source, ResearchSettings settings, EngineOptions options, FundingRates funding,
        IProgress<ResearchProgress>? progress = null, CancellationToken ct = default)
    {
        // Several instruments' aligned series: agents trade those instruments, each on its own bars.
        var aligned = source as AlignedCandleSource;
        var engineOptions = BacktestRunner.ForBacktest(options, settings.Agents, settings.Profile, aligned?.Ids);
        var errors = (aligned is null ? engineOptions.Validate() : engineOptions.ValidateForAlignedSeries()).ToList();
        if (errors.Count > 0) throw new BacktestInputException(errors[0]);
        var interval = source.IntervalMs;
        // The warm-up is counted on the data's first bars, long before any holdout.
        var headTo = Math.Min(source.EndMs, source.FirstOpenMs + (long)(options.Market.RegimeWindowDays + 30) * 86_400_000);
        var warmup = aligned is null
            ? Warmup.Bars(source.Read(source.FirstOpenMs, headTo), engineOptions.Market)
            : aligned.ReadColumns(source.FirstOpenMs, headTo).Max(column => Warmup.Bars(column, engineOptions.Market));
        var plan = ResearchPlan.Create(settings, source.FirstOpenMs, source.EndMs, interval, warmup);
        var parallel = settings.Parallel ?? Environment.ProcessorCount;

        // Only what may be read is read: the holdout's bars stay in the source unless --final.
        var readTo = settings.Final ? plan.DataEnd : plan.HoldoutFrom;
        var market = aligned is null
            ? BacktestMarket.OneSeries(source.Read(plan.DataFrom, readTo), engineOptions)
            : BacktestMarket.FromColumns(aligned.Ids, aligned.ReadColumns(plan.DataFrom, readTo), engineOptions);
        var context = new ResearchContext(market, interval, plan, settings, engineOptions, funding);
        var seeds = Enumerable.Range(settings.FirstSeed, settings.Seeds).ToArray();
        var outcomes = new SeedOutcome[seeds.Length];
        var windowsPerSeed = plan.Windows.Count + (settings.Final ? 1 : 0);
        int seedsDone = 0, windowsDone = 0;
        void Tick(bool seedDone)
        {
            var w = Interlocked.Increment(ref windowsDone);
            var s = seedDone ? Interlocked.Increment(ref seedsDone) : Volatile.Read(ref seedsDone);
            progress?.Report(new ResearchProgress(s, seeds.Length, w, seeds.Length * windowsPerSeed));
        }
        progress?.Report(new ResearchProgress(0, seeds.Length, 0, seeds.Length * windowsPerSeed));

        var watch = Stopwatch.StartNew();
        Parallel.For(0, seeds.Length, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, i =>
        {
            outcomes[i] = SeedRun.Run(context, seeds[i], () => Tick(false), ct);
            Interlocked.Increment(ref seedsDone);
            progress?.Report(new ResearchProgress(Volatile.Read(ref seedsDone), seeds.Length, Volatile.Read(ref windowsDone), seeds.Length * windowsPerSeed));
        });
        watch.Stop();

        var agentBars = outcomes.Sum(o => o.AgentBars);
        var seedReports = outcomes.Select(o => o.Report).ToList();
        var fundingTimes = funding.Between(engineOptions.PrimarySwap.InstId, plan.Windows[0].TestFrom, plan.HoldoutFrom).ToList();
        var simulated = engineOptions.Simulated;
        return new ResearchReport
        {
            Data = source.Name,
            Profile = engineOptions.Evolution.GeneProfile.Name,
            Settings = new ResearchSettingsReport(settings.FirstSeed, settings.Seeds, settings.Agents, settings.Windows, settings.TrainDays,
                plan.TestDays, settings.HoldoutDays, settings.Final, settings.TrainDays is null ? "anchored" : "rolling"),
            Period = new ResearchPeriod(Time(plan.DataFrom), Time(settings.Final ? plan.DataEnd : plan.HoldoutFrom), warmup),
            Holdout = new HoldoutInfo(Time(plan.HoldoutFrom), Time(plan.DataEnd), settings.Final),
            Costs = new CostsReport(engineOptions.Traded.FirstOrDefault(i => i.Kind == InstrumentKind.Spot)?.TakerFeeRate ?? 0m, engineOptions.PrimarySwap.TakerFeeRate, simulated.BaseSlippageBps,
                simulated.RandomSlippageBps, simulated.ImpactBpsPerBarVolume, funding.DefaultRate,
                fundingTimes.Count(f => f.Recorded), fundingTimes.Count(f => !f.Recorded)),
            Seeds = seedReports,
            Summary = ResearchVerdict.Summarize(seedReports.Select(s => s.Test).ToList()),
            HoldoutSummary = settings.Final ? ResearchVerdict.Distributions(seedReports.Select(s => s.Holdout!.Models).ToList()) : null,
            Parallel = parallel,
            Seconds = watch.Elapsed.TotalSeconds,
            AgentBars = agentBars,
            AgentBarsPerSecond = agentBars / Math.Max(watch.Elapsed.TotalSeconds, 1e-9),
        };
    }

    internal static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

/// <summary>What every seed's run shares, read-only.</summary>
internal sealed record ResearchContext(BacktestMarket Market, long IntervalMs, ResearchPlan Plan, ResearchSettings Settings,
    EngineOptions Options, FundingRates Funding)
{
    /// <summary>The bar times (and, with one series, the prices of every instrument).</summary>
    public IReadOnlyList<Candle> Bars => Market.Timeline;

    /// <summary>The index of the first bar opening at or after <paramref name="timeMs"/>.</summary>
    public int Index(long timeMs) => BarSearch.FirstAtOrAfter(Bars, timeMs);
}

internal sealed record SeedOutcome(SeedReport Report, long AgentBars);
