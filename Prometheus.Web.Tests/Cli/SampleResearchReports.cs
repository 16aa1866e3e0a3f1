using Prometheus.Engine.Research;

namespace Prometheus.Web.Tests.Cli;

/// <summary>Made-up research reports for the formatting tests; the figures mean nothing, only their shapes do.</summary>
internal static class SampleResearchReports
{
    /// <summary>A verdict with characters that must be escaped.</summary>
    public const string Verdict = "The population beat <b>the exposure-matched benchmark</b> in 7 of 10 seeds (p < 0.2) & \"random timing\" in 6 of 10.";

    public static readonly double[] TenSharpes = [0.8, -0.3, 1.4, 0.2, 0.95, 0.55, -0.6, 1.1, 0.4, 0.7];

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A report with one seed per population test Sharpe given (seeds 1, 2, ...). The seed at index k has
    /// <c>windows × testDays + k</c> equity points, so its curve's length tells which seed a chart drew.
    /// </summary>
    public static ResearchReport Research(IReadOnlyList<double> populationSharpes, bool final = false, int windows = 4, int testDays = 30)
    {
        var seeds = populationSharpes.Select((sharpe, k) => Seed(k + 1, k, sharpe, final, windows, testDays)).ToList();
        var summary = ResearchVerdict.Summarize(seeds.Select(s => s.Test).ToList()) with { Verdict = Verdict };
        var testFrom = Start;
        var holdoutFrom = testFrom.AddDays(windows * testDays + populationSharpes.Count);
        return new ResearchReport
        {
            Data = "/opt/prometheus/data/btc-usdt-swap-15m-okx-20230101-20260418.csv.gz",
            Profile = "seed",
            Settings = new ResearchSettingsReport(1, seeds.Count, 100, windows, null, testDays, 90, final, "anchored"),
            Period = new ResearchPeriod(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), final ? holdoutFrom.AddDays(90) : holdoutFrom, 2_881),
            Holdout = new HoldoutInfo(holdoutFrom, holdoutFrom.AddDays(90), final),
            Costs = new CostsReport(0.001m, 0.0005m, 1m, 0.5m, 100m, 0.0001m, 284, 3_300),
            Seeds = seeds,
            Summary = summary,
            HoldoutSummary = final ? ResearchVerdict.Distributions(seeds.Select(s => s.Holdout!.Models).ToList()) : null,
            Parallel = 2,
            Seconds = 1_234.5,
            AgentBarsPerSecond = 2_345_678.9,
            AgentBars = 2_895_000_000,
        };
    }

    private static SeedReport Seed(int seed, int index, double sharpe, bool final, int windowCount, int testDays)
    {
        var random = new Random(seed);
        var windows = Enumerable.Range(0, windowCount).Select(w =>
        {
            var from = Start.AddDays(w * testDays);
            return new WindowReport(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), from, from, from.AddDays(testDays), 100 - w * 3,
                (decimal)Math.Round(0.1 + random.NextDouble() * 0.3, 4), 0.3 + random.NextDouble() * 0.4,
                Figures(random, (double.IsFinite(sharpe) ? sharpe : 0) + random.NextDouble() - 0.5), Figures(random), Figures(random), Figures(random), Figures(random));
        }).ToList();
        var test = new ModelSet(Figures(random, sharpe), Figures(random), Figures(random), Figures(random), Figures(random));
        var holdout = final
            ? new HoldoutReport(Start.AddDays(200), Start.AddDays(290), 100, 0.2m,
                new ModelSet(Figures(random), Figures(random), Figures(random), Figures(random), Figures(random)))
            : null;
        return new SeedReport(seed, windows, test, holdout, Equity(random, windowCount * testDays + index, double.IsFinite(sharpe) ? sharpe : 0));
    }

    private static ModelFigures Figures(Random random, double? sharpe = null)
    {
        var s = sharpe ?? Math.Round(random.NextDouble() * 2 - 0.6, 3);
        var drift = double.IsFinite(s) ? s : 0; // a flat curve's Sharpe is NaN
        return new ModelFigures((decimal)Math.Round(drift * 0.08 + random.NextDouble() * 0.04 - 0.02, 5), s,
            (decimal)Math.Round(0.05 + random.NextDouble() * 0.2, 5), random.Next(50, 900), (decimal)Math.Round(random.NextDouble() * 900, 2),
            (decimal)Math.Round(random.NextDouble() * 400 - 100, 2), random.NextDouble() * 0.2 - 0.1, random.NextDouble());
    }

    /// <summary>Random walks from 1, the population drifting with its Sharpe, buy-and-hold the most volatile.</summary>
    private static IReadOnlyList<EquityPoint> Equity(Random random, int days, double sharpe)
    {
        double population = 1, timing = 1, frozen = 1, matched = 1, hold = 1;
        var points = new List<EquityPoint>(days);
        for (var d = 0; d < days; d++)
        {
            var market = (random.NextDouble() - 0.48) * 0.05;
            hold *= 1 + market;
            matched *= 1 + market * 0.25;
            population *= 1 + market * 0.25 + (random.NextDouble() - 0.5) * 0.012 + sharpe * 0.0006;
            timing *= 1 + market * 0.25 + (random.NextDouble() - 0.5) * 0.012;
            frozen *= 1 + market * 0.2 + (random.NextDouble() - 0.52) * 0.014;
            points.Add(new EquityPoint(Start.AddDays(d), population, timing, frozen, matched, hold));
        }
        return points;
    }
}
