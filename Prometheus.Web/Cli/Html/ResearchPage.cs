using System.Text;
using Prometheus.Engine.Research;
using static Prometheus.Web.Cli.Html.HtmlFormat;

namespace Prometheus.Web.Cli.Html;

/// <summary>
/// The research report as one page: the verdict and the run's layout, the median seed's equity curves against the
/// nulls and benchmarks, test Sharpe over seeds, the summary table, the median seed's windows, every seed, the costs,
/// the settings, the holdout (with --final), and how to read it all.
/// </summary>
internal static class ResearchPage
{
    public static string Render(ResearchReport report)
    {
        var median = MedianSeed(report.Seeds);
        var body = new StringBuilder();
        body.Append(Header(report));
        body.Append(Verdict(report));
        body.Append(EquitySection(report, median));
        body.Append(SharpeSection(report, median));
        body.Append(SummarySection(report));
        body.Append(WindowsSection(median));
        body.Append(SeedsSection(report, median));
        body.Append(CostsSection(report));
        body.Append(SettingsSection(report));
        if (report.HoldoutSummary is { } holdout) body.Append(HoldoutSection(report, holdout));
        body.Append(HowToRead());
        return HtmlDocument.Render($"Research on {Path.GetFileName(report.Data)}", body.ToString());
    }

    /// <summary>
    /// The seed whose population's test Sharpe is the median over seeds; with an even count, the lower of the middle
    /// two. A non-finite Sharpe sorts lowest; equal Sharpes go by seed number. Null without seeds.
    /// </summary>
    public static SeedReport? MedianSeed(IReadOnlyList<SeedReport> seeds)
    {
        if (seeds.Count == 0) return null;
        var sorted = seeds
            .OrderBy(s => double.IsFinite(s.Test.Population.Sharpe) ? s.Test.Population.Sharpe : double.NegativeInfinity)
            .ThenBy(s => s.Seed)
            .ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    private static string Header(ResearchReport report) =>
        $"<header>\n<h1>Research on {E(Path.GetFileName(report.Data))}</h1>\n<p class=\"subtitle\">{E(report.Data)}</p>\n</header>\n";

    private static string Verdict(ResearchReport report)
    {
        var s = report.Settings;
        var summary = report.Summary;
        var good = summary.BeatsExposureMatchedShare > 0.5 && summary.BeatsRandomTimingShare > 0.5;
        var facts = new FactList()
            .Add("profile", report.Profile)
            .Add("data", $"{Path.GetFileName(report.Data)}: {Stamp(report.Period.From)} – {Stamp(report.Period.To)} UTC, "
                + $"after {Count(report.Period.WarmupBars)} warm-up bars (read by the indicators, never traded)")
            .Add("seeds, agents", $"{Count(s.SeedCount)} seeds ({SeedRange(s)}), {Count(s.Agents)} agents each")
            .Add("walk-forward", WalkForward(s))
            .Add("holdout", Holdout(report.Holdout));
        return $"<div class=\"verdict{(good ? " good" : "")}\">\n<p class=\"kicker\">Verdict, out of sample</p>\n"
            + $"<p class=\"text\">{E(summary.Verdict)}</p>\n{facts.Render()}</div>\n";
    }

    private static string SeedRange(ResearchSettingsReport s) =>
        s.SeedCount == 1 ? $"seed {Id(s.FirstSeed)}" : $"seeds {Id(s.FirstSeed)}–{Id((long)s.FirstSeed + s.SeedCount - 1)}";

    private static string WalkForward(ResearchSettingsReport s) =>
        $"{Count(s.Windows)} test window{(s.Windows == 1 ? "" : "s")} of {Count(s.TestDays)} days, {s.Training} training"
        + (s.TrainDays is { } train ? $" on the {Count(train)} days before each window" : " on all the data before each window");

    private static string Holdout(HoldoutInfo holdout) =>
        $"{Stamp(holdout.From)} – {Stamp(holdout.To)} UTC, " + (holdout.Used ? "traded once (--final)" : "not read");

    private static string EquitySection(ResearchReport report, SeedReport? median)
    {
        const string Heading = "Equity of the median seed, test windows chained";
        if (median is null || median.TestEquity.Count == 0)
            return HtmlDocument.Section(Heading, HtmlDocument.Note("No test equity was recorded."), "equity");

        var days = median.TestEquity.Select(p => p.Day).ToList();
        var lines = ResearchModel.All.Select(m => new ChartLine(m.Name, m.Key, m.Color, median.TestEquity.Select(m.Equity).ToList(),
            m.Dashed, Bold: m == ResearchModel.Population)).ToList();
        var dividers = median.Windows.Skip(1)
            .Select(w => days.FindIndex(d => d >= w.TestFrom.UtcDateTime.Date))
            .Where(i => i > 0)
            .ToList();
        var n = report.Seeds.Count;
        var rank = n == 1 ? "the only seed"
            : n % 2 == 1 ? $"the median seed: its population's test Sharpe ({Ratio(median.Test.Population.Sharpe)}) is the middle one of {Count(n)} seeds"
            : $"the median seed: its population's test Sharpe ({Ratio(median.Test.Population.Sharpe)}) is the lower of the two in the middle of {Count(n)} seeds";
        var intro = $"Seed {Id(median.Seed)}, {rank}. Each line is a model's equity at the end of each test day, 1 = where it started; "
            + "the test windows follow one another, the dotted verticals mark where each begins.";
        var chart = SvgLineChart.Render(days, lines, 1, dividers, "equity (1 = start)",
            $"Equity of seed {Id(median.Seed)} on its chained test windows: population, random timing, frozen genomes, exposure-matched, buy and hold");
        return HtmlDocument.Section(Heading, $"<p>{E(intro)}</p>\n<figure>\n{chart}</figure>\n", "equity");
    }

    private static string SharpeSection(ResearchReport report, SeedReport? median)
    {
        const string Heading = "Test Sharpe over seeds";
        if (report.Seeds.Count == 0) return HtmlDocument.Section(Heading, HtmlDocument.Note("No seed was run."), "sharpe");

        var distributions = ResearchModel.Distributions(report.Summary);
        int? ringed = null;
        for (var i = 0; i < report.Seeds.Count; i++)
            if (ReferenceEquals(report.Seeds[i], median)) ringed = i;
        var rows = ResearchModel.All.Select(m => new StripRow(m.Name, m.Key, m.Color,
            report.Seeds.Select(s => m.Figures(s.Test).Sharpe).ToList(), m.Distribution(distributions).Sharpe, ringed)).ToList();
        var names = report.Seeds.Select(s => $"seed {Id(s.Seed)}").ToList();
        var plot = SvgStripPlot.Render(rows, names, "annualised Sharpe ratio on the chained test windows",
            "Test Sharpe of each seed for the population, random timing, frozen genomes, exposure-matched and buy and hold");
        var caption = $"One dot per seed ({Count(report.Seeds.Count)}), its test windows chained. The dark bar is the median, the pale band runs "
            + "from the 10th to the 90th percentile"
            + (median is null ? "." : $"; the ringed dot is seed {Id(median.Seed)}, the median seed drawn above.");
        return HtmlDocument.Section(Heading, $"<figure>\n{plot}<figcaption>{E(caption)}</figcaption>\n</figure>\n", "sharpe");
    }

    private static string SummarySection(ResearchReport report)
    {
        var summary = report.Summary;
        var table = DistributionTable(ResearchModel.Distributions(summary),
            "Median over seeds, the 10th and 90th percentiles under it; test windows chained.");
        var n = report.Seeds.Count;
        var beats = new List<Cell> { Cell.Label("Population beat it (test Sharpe)") };
        foreach (var model in ResearchModel.All)
        {
            beats.Add(model.BeatenShare(summary) is { } share
                ? Cell.Stacked(Percent(share), $"{Count((long)Math.Round(share * n))} of {Count(n)} seeds")
                : Cell.Num("—"));
        }
        table.Row("beats", [.. beats]);
        return HtmlDocument.Section("Summary over seeds", table.Render(), "summary");
    }

    /// <summary>Each model's metrics over seeds: one column per model, one row per metric, median [p10, p90].</summary>
    private static HtmlTable DistributionTable(ModelDistributions distributions, string caption)
    {
        var table = new HtmlTable(caption, "metrics");
        table.Header([Cell.Text(""), .. ResearchModel.All.Select(m => new Cell(E(m.Name), Numeric: true))]);
        foreach (var (label, metric, format) in Metrics)
        {
            table.Row([Cell.Label(label), .. ResearchModel.All.Select(m =>
            {
                var spread = metric(m.Distribution(distributions));
                return Cell.Stacked(format(spread.Median), $"[{format(spread.P10)}, {format(spread.P90)}]", m == ResearchModel.Population ? "strong" : null);
            })]);
        }
        return table;
    }

    private static readonly (string Label, Func<MetricDistribution, Spread> Metric, Func<double, string> Format)[] Metrics =
    [
        ("Sharpe", d => d.Sharpe, Ratio),
        ("ROI", d => d.Roi, v => Percent(v, signed: true)),
        ("Max drawdown", d => d.MaxDrawdown, v => Percent(v)),
        ("Trades", d => d.Trades, MedianCount),
        ("Fees paid, USDT", d => d.FeesPaid, Money),
        ("Funding paid, USDT", d => d.FundingPaid, Money),
        ("Alpha, a year", d => d.Alpha, v => Percent(v, signed: true)),
        ("Beta", d => d.Beta, Ratio),
    ];

    private static string WindowsSection(SeedReport? median)
    {
        const string Heading = "Walk-forward windows of the median seed";
        if (median is null || median.Windows.Count == 0)
            return HtmlDocument.Section(Heading, HtmlDocument.Note("No window was run."), "windows");

        var table = new HtmlTable($"Seed {Id(median.Seed)}. Each model's ROI over the test window, its Sharpe under it. "
            + "Exposure: the population's average net exposure (the exposure-matched benchmark holds it), gross under it.", "windows");
        table.Header([Cell.Text("#"), Cell.Text("Train"), Cell.Text("Test"), new Cell("Agents", Numeric: true), new Cell("Exposure", Numeric: true),
            .. ResearchModel.All.Select(m => new Cell(E(m.Name), Numeric: true))]);
        for (var i = 0; i < median.Windows.Count; i++)
        {
            var w = median.Windows[i];
            table.Row([Cell.Label(Count(i + 1)), Cell.StackedText(HtmlFormat.Day(w.TrainFrom), $"to {HtmlFormat.Day(w.TrainTo)}"),
                Cell.StackedText(HtmlFormat.Day(w.TestFrom), $"to {HtmlFormat.Day(w.TestTo)}"), Cell.Num(Count(w.Agents)),
                Cell.Stacked(Percent(w.Exposure), $"gross {Percent(w.AvgGrossExposure)}"),
                .. ResearchModel.All.Select(m => Cell.Stacked(Percent(m.Window(w).Roi, signed: true), $"Sharpe {Ratio(m.Window(w).Sharpe)}"))]);
        }
        return HtmlDocument.Section(Heading, table.Render(), "windows");
    }

    private static string SeedsSection(ResearchReport report, SeedReport? median)
    {
        if (report.Seeds.Count == 0) return "";
        var table = SeedTable(report.Seeds, s => s.Test, median,
            "Test Sharpe of each model, test windows chained. Shaded: the population's Sharpe was higher in that seed.");
        return HtmlDocument.Section("Every seed", table.Render(), "seeds");
    }

    private static HtmlTable SeedTable(IEnumerable<SeedReport> seeds, Func<SeedReport, ModelSet> models, SeedReport? median, string caption)
    {
        var table = new HtmlTable(caption, "seeds");
        table.Header([Cell.Text("Seed"), .. ResearchModel.All.Select(m => new Cell(E(m.Name), Numeric: true)), new Cell("Population ROI", Numeric: true)]);
        foreach (var seed in seeds)
        {
            var set = models(seed);
            var population = set.Population.Sharpe;
            var isMedian = ReferenceEquals(seed, median);
            var label = new Cell(E(Id(seed.Seed)) + (isMedian ? "<span class=\"tag\">median</span>" : ""), RowHeader: true);
            table.Row(isMedian ? "highlight" : null,
            [
                label,
                .. ResearchModel.All.Select(m =>
                {
                    var sharpe = m.Figures(set).Sharpe;
                    return Cell.Num(Ratio(sharpe), m == ResearchModel.Population ? "strong" : population > sharpe ? "beaten" : null);
                }),
                Cell.Num(Percent(set.Population.Roi, signed: true)),
            ]);
        }
        return table;
    }

    private static string CostsSection(ResearchReport report)
    {
        var c = report.Costs;
        var paid = report.Summary.Population;
        var facts = new FactList()
            .Add("taker fees", $"{Rate(c.SpotTakerFee)} spot, {Rate(c.SwapTakerFee)} swap (OKX)")
            .Add("slippage", $"{Plain(c.BaseSlippageBps)} bps + up to {Plain(c.RandomSlippageBps)} bps at random + {Plain(c.ImpactBpsPerBarVolume)} bps "
                + "× the order's share of the bar's volume")
            .Add("funding", $"{Count(c.FundingTimesRecorded)} funding times at OKX's recorded rate, {Count(c.FundingTimesDefaulted)} at the default "
                + $"rate of {Rate(c.DefaultFundingRate)} a funding time")
            .Add("fees the population paid", $"{Money(paid.FeesPaid.Median)} USDT, median over seeds [{Money(paid.FeesPaid.P10)}, {Money(paid.FeesPaid.P90)}]")
            .Add("funding the population paid", $"{Money(paid.FundingPaid.Median)} USDT, median over seeds "
                + $"[{Money(paid.FundingPaid.P10)}, {Money(paid.FundingPaid.P90)}] (negative: received)");
        return HtmlDocument.Section("Costs", facts.Render()
            + HtmlDocument.Note("Every model pays the same costs on the same bars: the nulls and benchmarks are charged as the population is."), "costs");
    }

    private static string SettingsSection(ResearchReport report)
    {
        var s = report.Settings;
        var facts = new FactList()
            .Add("seeds", $"{Count(s.SeedCount)}, from {Id(s.FirstSeed)}")
            .Add("agents", Count(s.Agents))
            .Add("profile", report.Profile)
            .Add("test windows", $"{Count(s.Windows)} of {Count(s.TestDays)} days")
            .Add("training", s.Training + (s.TrainDays is { } train ? $", {Count(train)} days" : ""))
            .Add("holdout", $"{Count(s.HoldoutDays)} days, " + (s.Final ? "traded once (--final)" : "not read"))
            .Add("run", $"{Seconds(report.Seconds)} on {Count(report.Parallel)} worker{(report.Parallel == 1 ? "" : "s")}, "
                + $"{Count(report.AgentBars)} agent-bars, {Count(report.AgentBarsPerSecond)} agent-bars/s");
        return HtmlDocument.Section("Settings", facts.Render(), "settings");
    }

    private static string HoldoutSection(ResearchReport report, ModelDistributions holdout)
    {
        var content = new StringBuilder();
        content.Append($"<p>{E($"{Stamp(report.Holdout.From)} – {Stamp(report.Holdout.To)} UTC, traded once by each seed's population "
            + "evolved on everything before it.")}</p>\n");
        content.Append(DistributionTable(holdout, "Median over seeds, the 10th and 90th percentiles under it.").Render());
        var seeds = report.Seeds.Where(s => s.Holdout is not null).ToList();
        if (seeds.Count > 0)
        {
            content.Append("<h3>Every seed on the holdout</h3>\n");
            content.Append(SeedTable(seeds, s => s.Holdout!.Models, null,
                "Holdout Sharpe of each model. Shaded: the population's Sharpe was higher in that seed.").Render());
        }
        return HtmlDocument.Section("Holdout", content.ToString(), "holdout");
    }

    private static string HowToRead() => HtmlDocument.Section("How to read this",
        $"""
        <p>{E("Every figure is out of sample: each window's population was evolved on the bars before its test window and traded the test "
            + "window with its genomes frozen, from fresh capital. The holdout at the end of the data is never read unless --final.")}</p>
        <p>{E("The exposure-matched benchmark holds the population's own average net exposure constantly over the same bars, with the same "
            + "costs: beating it means timing, not just being long while the market rose.")}</p>
        <p>{E("Random timing keeps the population's trades but moves them to random bars: beating it means the bars were chosen well. "
            + "Frozen genomes are random agents with no evolution: beating them means evolution found something. Buy-and-hold is fully "
            + "long throughout.")}</p>
        <p>{E("A seed is one independent run; the spread over seeds is the spread of luck. A majority of seeds beating a comparison is "
            + "only an edge when the sign test's p-value in the verdict is small.")}</p>

        """, "how-to-read");
}
