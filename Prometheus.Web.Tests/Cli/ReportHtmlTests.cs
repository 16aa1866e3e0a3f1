using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Prometheus.Engine.Research;
using Prometheus.Web.Cli;
using Prometheus.Web.Cli.Html;

namespace Prometheus.Web.Tests.Cli;

public sealed class ReportHtmlTests
{
    private static readonly string[] ModelKeys = ["population", "random-timing", "frozen-genomes", "exposure-matched", "buy-hold"];

    [Fact]
    public void A_research_page_is_written_self_contained_with_the_verdict_escaped()
    {
        var path = Path.Combine(TempFolder.Create(), "research.html");

        ReportHtml.WriteResearch(path, SampleResearchReports.Research(SampleResearchReports.TenSharpes));

        var html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains(WebUtility.HtmlEncode(SampleResearchReports.Verdict), html);
        Assert.Contains("&lt;b&gt;the exposure-matched benchmark&lt;/b&gt;", html);
        Assert.Contains("(p &lt; 0.2) &amp; &quot;random timing&quot;", html);
        Assert.DoesNotContain("<b>the exposure-matched", html);
        AssertSelfContained(html);

        var document = Parse(html);
        Assert.Equal(SampleResearchReports.Verdict, document.QuerySelector(".verdict p.text")!.TextContent);
        Assert.NotNull(document.QuerySelector("svg.line-chart"));
        Assert.NotNull(document.QuerySelector("svg.strip-plot"));
        Assert.Contains("not read", document.QuerySelector(".verdict")!.TextContent);
        Assert.Null(document.QuerySelector("#holdout"));
        foreach (var id in new[] { "equity", "sharpe", "summary", "windows", "seeds", "costs", "settings", "how-to-read" })
            Assert.NotNull(document.QuerySelector($"section#{id}"));
    }

    [Fact]
    public void The_equity_chart_draws_each_model_of_the_median_seed_point_by_point()
    {
        var report = SampleResearchReports.Research(SampleResearchReports.TenSharpes);
        var median = ResearchPage.MedianSeed(report.Seeds)!;

        var document = Parse(ResearchPage.Render(report));

        foreach (var key in ModelKeys)
        {
            var line = Assert.Single(document.QuerySelectorAll($"svg.line-chart polyline[data-series='{key}']"));
            Assert.Equal(median.TestEquity.Count, PointCount(line));
        }
        Assert.Equal(report.Settings.Windows - 1, document.QuerySelectorAll("svg.line-chart line.divider").Length);
    }

    [Fact]
    public void The_strip_plot_has_one_dot_per_seed_per_model_and_rings_the_median_seed()
    {
        var report = SampleResearchReports.Research(SampleResearchReports.TenSharpes);

        var document = Parse(ResearchPage.Render(report));

        var strips = document.QuerySelectorAll("svg.strip-plot g.strip");
        Assert.Equal(ModelKeys, strips.Select(g => g.GetAttribute("data-series")));
        foreach (var strip in strips)
        {
            Assert.Equal(report.Seeds.Count, strip.QuerySelectorAll("circle.dot").Length);
            Assert.Single(strip.QuerySelectorAll("circle.dot.ringed"));
            Assert.Single(strip.QuerySelectorAll("line.median"));
        }
        // Sorted: -0.6, -0.3, 0.2, 0.4, 0.55, 0.7, ...: the fifth of ten, seed 6.
        Assert.Equal("seed 6: 0.55", document.QuerySelector("g.strip[data-series='population'] circle.ringed title")!.TextContent);
    }

    [Theory]
    [InlineData(new[] { 0.9, -0.2, 0.4 }, 3)] // sorted -0.2, 0.4, 0.9: the middle one
    [InlineData(new[] { 0.9, -0.2, 0.4, 0.1 }, 4)] // sorted -0.2, 0.1, 0.4, 0.9: the lower middle one
    [InlineData(new[] { 0.5 }, 1)]
    [InlineData(new[] { 0.3, double.NaN, 0.1, 0.2 }, 3)] // NaN sorts lowest: NaN, 0.1, 0.2, 0.3
    public void The_median_seed_is_the_median_population_test_Sharpe_the_lower_middle_when_even(double[] sharpes, int expectedSeed)
    {
        var report = SampleResearchReports.Research(sharpes);

        var median = ResearchPage.MedianSeed(report.Seeds);

        Assert.Equal(expectedSeed, median!.Seed);
        var document = Parse(ResearchPage.Render(report));
        Assert.Equal(median.TestEquity.Count, PointCount(document.QuerySelector("svg.line-chart polyline[data-series='population']")!));
        Assert.Contains($"Seed {expectedSeed}.", document.QuerySelector("section#windows caption")!.TextContent);
        var highlighted = Assert.Single(document.QuerySelectorAll("section#seeds tr.highlight"));
        Assert.StartsWith(expectedSeed.ToString(System.Globalization.CultureInfo.InvariantCulture), highlighted.QuerySelector("th")!.TextContent);
    }

    [Fact]
    public void No_seeds_give_no_median_seed()
    {
        Assert.Null(ResearchPage.MedianSeed([]));
    }

    [Fact]
    public void The_summary_shows_percentages_money_and_the_beaten_shares_in_invariant_culture()
    {
        var report = SampleResearchReports.Research(SampleResearchReports.TenSharpes);

        var document = Parse(ResearchPage.Render(report));

        var beats = document.QuerySelector("section#summary tr.beats")!.TextContent;
        var matched = report.Summary.BeatsExposureMatchedShare;
        Assert.Contains($"{(matched * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}%", beats);
        Assert.Contains($"{(int)Math.Round(matched * 10)} of 10 seeds", beats);
        var costs = document.QuerySelector("section#costs")!.TextContent;
        Assert.Contains("0.10% spot, 0.05% swap", costs);
        Assert.Contains("284 funding times at OKX's recorded rate, 3,300 at the default rate of 0.01%", costs);
    }

    [Fact]
    public void With_the_holdout_traded_the_page_has_its_section()
    {
        var report = SampleResearchReports.Research(SampleResearchReports.TenSharpes, final: true);
        var path = Path.Combine(TempFolder.Create(), "research-final.html");

        ReportHtml.WriteResearch(path, report);

        var document = Parse(File.ReadAllText(path));

        Assert.Contains("traded once (--final)", document.QuerySelector(".verdict")!.TextContent);
        var holdout = document.QuerySelector("section#holdout")!;
        Assert.Equal(report.Seeds.Count, holdout.QuerySelectorAll("table.seeds tbody tr").Length);
    }

    [Fact]
    public void A_backtest_page_is_written_self_contained_and_labels_the_best_agent_as_survivorship()
    {
        var path = Path.Combine(TempFolder.Create(), "backtest.html");
        var report = SampleReports.Backtest(SampleReports.Best()) with { Data = "/data/btc <&> \"x\".csv.gz" };

        ReportHtml.WriteBacktest(path, report);

        var html = File.ReadAllText(path);
        AssertSelfContained(html);
        Assert.Contains("btc &lt;&amp;&gt; &quot;x&quot;.csv.gz", html);
        Assert.DoesNotContain("<polyline", html); // the report has no equity curve: none is drawn
        var document = Parse(html);
        var benchmarks = document.QuerySelector("section#benchmarks table")!;
        Assert.Equal(["", "Population", "Exposure-matched", "Buy & hold", "Cash"], benchmarks.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(["ROI", "+12.35%", "+15.00%", "+80.12%", "0.00%"], benchmarks.QuerySelectorAll("tbody tr")[0].Children.Select(c => c.TextContent));
        Assert.Contains("1,234.50", benchmarks.TextContent);
        var best = document.QuerySelector("section#best-agent")!.TextContent;
        Assert.Contains("Picked after the fact: survivorship, not a result.", best);
        Assert.Contains("rsiBuy", best);
        Assert.Contains("28.5", best);
        Assert.Contains(report.LedgerHash, document.QuerySelector("section#run")!.TextContent);
        Assert.Contains("2,881 bars before the period", html);
        Assert.Contains("n/a", document.QuerySelector("section#out-of-sample")!.TextContent); // the NaN Sharpe
    }

    [Fact]
    public void A_backtest_without_a_best_agent_says_so()
    {
        var document = Parse(BacktestPage.Render(SampleReports.Backtest()));

        Assert.Contains("None: no agent lived", document.QuerySelector("section#best-agent")!.TextContent);
    }

    [Fact]
    public void An_unwritable_path_is_a_cli_error_naming_the_file()
    {
        var path = Path.Combine(TempFolder.Create(), "missing", "report.html");

        var research = Assert.Throws<CliException>(() => ReportHtml.WriteResearch(path, SampleResearchReports.Research([0.1, 0.2])));
        var backtest = Assert.Throws<CliException>(() => ReportHtml.WriteBacktest(path, SampleReports.Backtest()));

        Assert.Contains(path, research.Message);
        Assert.Contains(path, backtest.Message);
        Assert.Equal(ExitCodes.Failure, research.ExitCode);
    }

    private static void AssertSelfContained(string html)
    {
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static int PointCount(IElement polyline) =>
        polyline.GetAttribute("points")!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
