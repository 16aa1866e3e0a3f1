using Microsoft.Playwright;

namespace Prometheus.Web.Tests.Browser;

/// <summary>
/// Every page on a desktop (1280×800) and a phone (390×844): nothing wider than the screen (tables scroll inside their
/// card), the navigation reachable (beside the page on a desktop, behind the menu button on a phone) and the key figures
/// (state, equity, total PnL, today) above the fold.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ResponsiveLayoutTests(BrowserSession browser) : IAsyncLifetime
{
    public static readonly TheoryData<int, int> Screens = new() { { 1280, 800 }, { 390, 844 } };

    private static readonly string[] Pages = ["/", "/agents", "/agents/1", "/valhalla", "/trades", "/positions", "/recovery", "/orphans", "/risk", "/mastermind", "/alerts", "/research"];

    private LiveApp _app = null!;

    public async Task InitializeAsync() => _app = await LiveApp.StartAsync(barsPerSecond: 200);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<IPage> SignedInAsync(int width, int height) => _app.SignedInAsync(browser, "/", width, height);

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task No_page_is_wider_than_the_screen(int width, int height)
    {
        var page = await SignedInAsync(width, height);
        await Task.Delay(3_000); // trades, births and deaths on the pages: the widest content they get

        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            await page.LiveAsync();
            await page.WaitForTimeoutAsync(500);
            var (scrollWidth, innerWidth) = await WidthsAsync(page);
            Assert.True(scrollWidth <= innerWidth, $"{path} at {width}×{height} is {scrollWidth} px wide on a {innerWidth} px screen");
        }
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_navigation_reaches_every_page(int width, int height)
    {
        var page = await SignedInAsync(width, height);
        var phone = width < 960;

        foreach (var path in Pages.Where(p => p != "/agents/1").Reverse())
        {
            var link = $"[data-testid=nav] a[href='{path}']";
            if (phone)
            {
                // A phone keeps the pages behind the menu button (the drawer off the screen), not over the page.
                Assert.False(await OnScreenAsync(page, link), $"the navigation covers the page at {width}×{height}");
                await page.ClickAsync("[data-testid=nav-toggle]");
            }
            await page.WaitForFunctionAsync($"() => {{ const r = document.querySelector(\"{link}\")?.getBoundingClientRect(); return r && r.left >= 0 && r.right <= window.innerWidth && r.width > 0; }}",
                null, new PageWaitForFunctionOptions { Timeout = 15_000 });
            await page.ClickAsync(link);
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
            await page.LiveAsync();
            if (phone) // the drawer closes once a page is picked
                await page.WaitForFunctionAsync($"() => document.querySelector(\"{link}\").getBoundingClientRect().right <= 0",
                    null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        }
    }

    private static Task<bool> OnScreenAsync(IPage page, string selector) =>
        page.EvaluateAsync<bool>($"() => {{ const r = document.querySelector(\"{selector}\")?.getBoundingClientRect(); return !!r && r.width > 0 && r.right > 0 && r.left < window.innerWidth; }}");

    [Fact]
    public async Task On_a_phone_the_state_equity_total_pnl_and_today_are_above_the_fold()
    {
        var page = await SignedInAsync(390, 844);
        await page.StateAsync("Running");

        foreach (var figure in new[] { "[data-testid=state]", "[data-testid=equity]", "[data-testid=total-pnl], [data-testid=total-pending]", "[data-testid=today-pnl], [data-testid=today-pending]" })
        {
            var box = await page.Locator(figure).First.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y + box.Height <= 844 && box.X + box.Width <= 390, $"{figure} is at {box.X},{box.Y} ({box.Width}×{box.Height}): not above the fold");
        }
    }

    private static async Task<(int ScrollWidth, int InnerWidth)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }
}
