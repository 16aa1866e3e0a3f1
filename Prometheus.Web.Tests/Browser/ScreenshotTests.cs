using Microsoft.Playwright;

namespace Prometheus.Web.Tests.Browser;

/// <summary>
/// A screenshot of every page on a desktop (1280×800, whole page) and a phone (390×844), in the dark and the light theme
/// (all four with PROMETHEUS_SCREENSHOTS set; see <see cref="Passes"/>). The engine runs fast for a few
/// seconds first (weeks of market time), so births, deaths and trades are on the pages. PROMETHEUS_SCREENSHOTS=docs/screenshots
/// refreshes the README's pictures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserSession browser) : IAsyncLifetime
{
    private static readonly (string Name, string Path)[] Pages =
    [
        ("overview", "/"), ("agents", "/agents"), ("agent", "/agents/{best}"), ("valhalla", "/valhalla"), ("trades", "/trades"), ("positions", "/positions"),
        ("recovery", "/recovery"), ("orphans", "/orphans"), ("risk", "/risk"), ("mastermind", "/mastermind"), ("alerts", "/alerts"), ("research", "/research"),
    ];

    /// <summary>
    /// Refreshing the README's pictures takes every page on both screens in both themes. A test run takes each page in each
    /// theme and on each screen once (dark on a desktop, light on a phone): the same pages rendered, in half the time.
    /// </summary>
    private static readonly (int Width, int Height, string Screen, string Theme)[] Passes =
        Environment.GetEnvironmentVariable("PROMETHEUS_SCREENSHOTS") is { Length: > 0 }
            ? [(1280, 800, "desktop", "dark"), (390, 844, "phone", "dark"), (1280, 800, "desktop", "light"), (390, 844, "phone", "light")]
            : [(1280, 800, "desktop", "dark"), (390, 844, "phone", "light")];

    private LiveApp _app = null!;

    public async Task InitializeAsync() => _app = await LiveApp.StartAsync(barsPerSecond: 250);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_page_on_a_desktop_and_a_phone()
    {
        await Task.Delay(TimeSpan.FromSeconds(12));
        // A trade by hand, so the Orphans page shows what a person decides about.
        using (var api = new HttpClient { BaseAddress = new Uri(_app.Url) })
        {
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", LiveApp.Token);
            using var manual = await api.PostAsync("/api/sim/manual-order", new StringContent(
                """{"instId":"BTC-USDT-SWAP","side":"sell","posSide":"short","sz":3}""", System.Text.Encoding.UTF8, "application/json"));
            manual.EnsureSuccessStatusCode();
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (var (width, height, screen, theme) in Passes)
        {
            var suffix = theme == "dark" ? screen : $"{screen}-light";
            var context = await browser.ContextAsync(_app.Url, width, height);
            await context.AddCookiesAsync([new Cookie { Name = "prometheus-theme", Value = theme, Url = _app.Url }]);
            var page = await context.NewPageAsync();
            await page.SignInAsync(LiveApp.Token);
            var best = "1";
            foreach (var (name, path) in Pages)
            {
                await page.GotoAsync(path.Replace("{best}", best, StringComparison.Ordinal));
                await page.LiveAsync();
                await page.WaitForTimeoutAsync(name is "overview" or "trades" or "positions" ? 1_500 : 800); // charts draw once the circuit is up
                if (name == "agents") // the agent page shows the best of the living
                    best = await page.GetAttributeAsync("tr[data-agent]", "data-agent") ?? best;
                var file = System.IO.Path.Combine(Dashboard.ScreenshotDir, $"{name}-{suffix}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = screen == "desktop" });
                Assert.True(new FileInfo(file).Length > 10_000, $"{file} looks empty");
            }
            await context.CloseAsync();
        }
        var visitor = await (await browser.ContextAsync(_app.Url)).NewPageAsync();
        await visitor.GotoAsync("/signin");
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(Dashboard.ScreenshotDir, "signin-desktop.png") });
    }
}
