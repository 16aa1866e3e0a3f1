using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Web.Cli;
using Prometheus.Web.Cli.Html;
using Prometheus.Web.Components.Pages;
using Prometheus.Web.Components.Shared;
using Prometheus.Web.Reports;
using Prometheus.Web.Tests.Cli;

namespace Prometheus.Web.Tests.Components;

/// <summary>
/// The Research page: the reports of the folder listed, one shown with the figures its file holds (a backtest's population
/// beside its benchmarks, a research report's verdict, Sharpe over seeds and windows), a file that is no report named with
/// the reason, and the backtest form posting as a signed-in control with its antiforgery token.
/// </summary>
public sealed class ResearchPageTests : DashboardContext
{
    private string Folder => Reports.Path;

    private IRenderedComponent<Research> Show(string? report = null)
    {
        if (report is not null) Services.GetRequiredService<NavigationManager>().NavigateTo(Research.Link(report));
        return Render<Research>();
    }

    [Fact]
    public void A_backtest_report_shows_the_population_beside_its_benchmarks_as_its_file_holds_them()
    {
        var report = SampleReports.Backtest();
        Directory.CreateDirectory(Folder);
        ReportJson.Write(Path.Combine(Folder, "bt.json"), report);

        var page = Show("bt.json");

        Assert.Equal(Fmt.SignedPct(report.Roi), page.Find("[data-testid=bt-population-roi]").TextContent);
        Assert.Equal(ReportFigures.Ratio(report.Sharpe), page.Find("[data-testid=bt-population-sharpe]").TextContent);
        Assert.Equal(Fmt.Pct(report.MaxDrawdown), page.Find("[data-testid=bt-population-drawdown]").TextContent);
        Assert.Equal(Fmt.SignedPct(report.BuyHold.Roi), page.Find("[data-testid=bt-buy-hold-roi]").TextContent);
        Assert.Equal(Fmt.Pct(report.BuyHold.MaxDrawdown), page.Find("[data-testid=bt-buy-hold-drawdown]").TextContent);
        Assert.Equal(Fmt.SignedPct(report.ExposureMatched.Roi), page.Find("[data-testid=bt-exposure-matched-roi]").TextContent);
        Assert.Equal(ReportFigures.Ratio(report.ExposureMatched.Sharpe), page.Find("[data-testid=bt-exposure-matched-sharpe]").TextContent);
        Assert.Equal(Fmt.SignedPct(report.Cash.Roi), page.Find("[data-testid=bt-cash-roi]").TextContent);
        Assert.Equal(Fmt.SignedPct(report.MedianAgent!.Roi), page.Find("[data-testid=bt-median-agent-roi]").TextContent);
        Assert.StartsWith(ReportFigures.Ratio(report.Alpha), page.Find("[data-testid=bt-alpha]").TextContent);
        Assert.Equal(ReportFigures.Ratio(report.Beta), page.Find("[data-testid=bt-beta]").TextContent);
        Assert.StartsWith(ReportFigures.Ratio(report.InformationRatio), page.Find("[data-testid=bt-ir]").TextContent);
        Assert.StartsWith(Fmt.Usd(report.FundingPaid), page.Find("[data-testid=bt-funding]").TextContent);
        Assert.Contains("no equity series", page.Find("[data-testid=bt-no-equity]").TextContent);
    }

    [Fact]
    public void A_research_report_shows_its_verdict_the_sharpe_over_seeds_and_the_median_seeds_windows()
    {
        var report = SampleResearchReports.Research(SampleResearchReports.TenSharpes);
        Directory.CreateDirectory(Folder);
        ReportJson.Write(Path.Combine(Folder, "rs.json"), report);

        var page = Show("rs.json");

        Assert.Equal(report.Summary.Verdict, page.Find("[data-testid=verdict]").TextContent);
        foreach (var model in ResearchModel.All)
        {
            var spread = model.Distribution(ResearchModel.Distributions(report.Summary)).Sharpe;
            Assert.Equal(ReportFigures.Ratio(spread.Median), page.Find($"[data-testid=rs-sharpe-{model.Key}-median]").TextContent);
            Assert.Equal(ReportFigures.Ratio(spread.P10), page.Find($"[data-testid=rs-sharpe-{model.Key}-p10]").TextContent);
            Assert.Equal(ReportFigures.Ratio(spread.P90), page.Find($"[data-testid=rs-sharpe-{model.Key}-p90]").TextContent);
        }
        var median = ResearchPage.MedianSeed(report.Seeds)!;
        Assert.Equal(median.Windows.Count, page.FindAll("[data-testid=rs-windows] tbody tr").Count);
        Assert.Contains($"Seed {median.Seed}", page.Find("[data-testid=rs-equity-note]").TextContent);
        Assert.Single(page.FindAll("[data-testid=rs-equity-chart]"));
    }

    [Fact]
    public void The_list_names_each_report_with_its_kind_and_a_file_that_is_no_report_with_the_reason()
    {
        Directory.CreateDirectory(Folder);
        ReportJson.Write(Path.Combine(Folder, "a-backtest.json"), SampleReports.Backtest());
        ReportJson.Write(Path.Combine(Folder, "a-research.json"), SampleResearchReports.Research([0.2, 0.4, 0.6]));
        File.WriteAllText(Path.Combine(Folder, "garbage.json"), "{ nope");

        var page = Show("garbage.json");

        var kinds = page.FindAll("[data-testid=report-link]").Zip(page.FindAll("[data-testid=report-kind]"))
            .ToDictionary(p => p.First.TextContent, p => p.Second.TextContent);
        Assert.Equal("backtest", kinds["a-backtest.json"]);
        Assert.Equal("research", kinds["a-research.json"]);
        Assert.Equal("unreadable", kinds["garbage.json"]);
        Assert.Contains("not valid JSON", page.Find("[data-testid=report-unreadable]").TextContent);
    }

    [Fact]
    public void An_emptyFolder_says_how_to_get_a_report()
    {
        var page = Show();

        Assert.Contains("No report yet", page.Find("[data-testid=no-reports]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=report]"));
    }

    [Fact]
    public void The_backtest_form_posts_to_its_control_with_the_antiforgery_token_and_the_default_run()
    {
        var page = Show();

        var form = page.Find("[data-testid=backtest-form]");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/controls/backtests/start", form.GetAttribute("action"));
        Assert.Equal(AntiforgeryValue, form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal(BacktestJobs.DefaultAgents.ToString(System.Globalization.CultureInfo.InvariantCulture),
            form.QuerySelector("input[name=agents]")!.GetAttribute("value"));
        // The MudBlazor fields carry the names the control reads; the profile select posts through its hidden field.
        Assert.Equal("42", form.QuerySelector("input[name=seed]")!.GetAttribute("value"));
        Assert.Equal("date", form.QuerySelector("input[name=from]")!.GetAttribute("type"));
        Assert.Equal("date", form.QuerySelector("input[name=to]")!.GetAttribute("type"));
        Assert.Equal("", form.QuerySelector("input[type=hidden][name=profile]")!.GetAttribute("value"));
        Assert.Contains("configured (seed)", form.QuerySelector("[data-testid=bt-profile]")!.OuterHtml + form.TextContent);
        Assert.Empty(page.FindAll("[data-testid=backtest-job]"));
    }
}
