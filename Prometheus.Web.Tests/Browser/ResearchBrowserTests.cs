using Microsoft.Playwright;
using Prometheus.Engine.Backtest;
using Prometheus.Web.Cli;
using Prometheus.Web.Components.Shared;
using Prometheus.Web.Tests.Cli;

namespace Prometheus.Web.Tests.Browser;

/// <summary>
/// The Research page in a browser: a report in the reports folder listed and shown with the figures its file holds, on
/// a desktop and on a phone with nothing wider than the screen; a backtest started from the page's form runs with its
/// progress shown, and its report is then shown.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ResearchBrowserTests(BrowserSession browser) : IAsyncLifetime
{
    private LiveApp _app = null!;

    public async Task InitializeAsync() => _app = await LiveApp.StartAsync(barsPerSecond: 20);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string ReportsDir => Directory.CreateDirectory(Path.Combine(_app.DataDir, "reports")).FullName;

    private Task<IPage> SignedInAsync(int width, int height) => _app.SignedInAsync(browser, "/research", width, height);

    private static async Task<string> TextAsync(IPage page, string testId) =>
        (await page.TextContentAsync($"[data-testid={testId}]"))?.Trim() ?? "";

    private static async Task AssertFiguresAsync(IPage page, BacktestReport report)
    {
        Assert.Equal(Fmt.SignedPct(report.Roi), await TextAsync(page, "bt-population-roi"));
        Assert.Equal(ReportFigures.Ratio(report.Sharpe), await TextAsync(page, "bt-population-sharpe"));
        Assert.Equal(Fmt.Pct(report.MaxDrawdown), await TextAsync(page, "bt-population-drawdown"));
        Assert.Equal(Fmt.SignedPct(report.BuyHold.Roi), await TextAsync(page, "bt-buy-hold-roi"));
        Assert.Equal(Fmt.SignedPct(report.ExposureMatched.Roi), await TextAsync(page, "bt-exposure-matched-roi"));
        Assert.Equal(Fmt.SignedPct(report.Cash.Roi), await TextAsync(page, "bt-cash-roi"));
        Assert.Equal(ReportFigures.Ratio(report.Beta), await TextAsync(page, "bt-beta"));
    }

    [Theory]
    [MemberData(nameof(ResponsiveLayoutTests.Screens), MemberType = typeof(ResponsiveLayoutTests))]
    public async Task The_page_lists_a_report_and_shows_its_figures_as_the_file_holds_them_within_the_screen(int width, int height)
    {
        var report = SampleReports.Backtest();
        ReportJson.Write(Path.Combine(ReportsDir, "sample-backtest.json"), report);
        ReportJson.Write(Path.Combine(ReportsDir, "sample-research.json"), SampleResearchReports.Research(SampleResearchReports.TenSharpes));
        var page = await SignedInAsync(width, height);

        await page.ClickAsync("[data-testid=report-link][data-report='sample-backtest.json']");
        await page.WaitForSelectorAsync("[data-testid=bt-population-roi]");

        await AssertFiguresAsync(page, report);
        await AssertWithinTheScreenAsync(page, width, height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Dashboard.ScreenshotDir, $"research-backtest-{width}.png"), FullPage = true });

        await page.ClickAsync("[data-testid=report-link][data-report='sample-research.json']");
        await page.WaitForSelectorAsync("[data-testid=verdict]");
        Assert.Equal(SampleResearchReports.Verdict, await TextAsync(page, "verdict"));
        await AssertWithinTheScreenAsync(page, width, height);
        await page.WaitForSelectorAsync("[data-testid=rs-equity-chart] canvas");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Dashboard.ScreenshotDir, $"research-research-{width}.png"), FullPage = true });
    }

    [Fact]
    public async Task A_backtest_started_from_the_page_shows_its_progress_and_then_its_report()
    {
        var page = await SignedInAsync(1280, 800);

        await page.FillAsync("[data-testid=bt-agents]", "3");
        await page.ClickAsync("[data-testid=bt-start]");
        await page.LiveAsync();
        Assert.Contains("Backtest started: 3 agents", await page.TextContentAsync("[data-testid=outcome]"));
        await page.WaitForSelectorAsync("[data-testid=backtest-progress]");
        try
        {
            await page.WaitForSelectorAsync("[data-testid=backtest-job][data-state=done]", new PageWaitForSelectorOptions { Timeout = 240_000 });
            await page.WaitForSelectorAsync("[data-testid=bt-population-roi]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            using var http = new HttpClient { BaseAddress = new Uri(_app.Url) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", LiveApp.Token);
            Assert.Fail($"the report was not shown at {page.Url}; the run: {await http.GetStringAsync("/api/backtests/current")}");
        }

        var name = Uri.UnescapeDataString(new Uri(page.Url).Query.Split("report=")[1].Split('&')[0]);
        Assert.StartsWith("backtest-", name);
        var written = System.Text.Json.JsonSerializer.Deserialize<BacktestReport>(File.ReadAllText(Path.Combine(ReportsDir, name)), ReportJson.Options)!;
        Assert.Equal(3, written.Agents);
        await AssertFiguresAsync(page, written);
    }

    private static async Task AssertWithinTheScreenAsync(IPage page, int width, int height)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"/research at {width}×{height} is {widths[0]} px wide on a {widths[1]} px screen");
    }
}
