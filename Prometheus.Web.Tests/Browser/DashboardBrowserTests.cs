using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Tests.Browser;

/// <summary>The dashboard in Chromium against the real app on loopback (simulated exchange, paper mode).</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserSession browser) : IAsyncLifetime
{
    private LiveApp _app = null!;

    public async Task InitializeAsync() => _app = await LiveApp.StartAsync(barsPerSecond: 20);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<IPage> SignedInAsync(string path = "/") => _app.SignedInAsync(browser, path);

    private static long Cycle(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [Fact]
    public async Task After_sign_in_the_overview_updates_live_and_an_engine_event_reaches_the_page_within_a_second()
    {
        var page = await SignedInAsync();
        Assert.EndsWith("/", page.Url);
        await page.StateAsync("Running");

        // The cycle counter and the equity move without a reload.
        var cycle = Cycle(await page.TextContentAsync("[data-testid=cycle]") ?? "0");
        var equity = await page.TextContentAsync("[data-testid=equity]");
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=cycle]').textContent.replace(/,/g, '')) > {cycle}",
            null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=equity]').textContent !== '{equity}'",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.WaitForSelectorAsync("[data-testid=equity-chart] canvas");

        // A state change made elsewhere (the JSON API) is pushed to the open page: measured from the command to the badge.
        using var api = _app.Api();
        var latencies = new List<double>();
        foreach (var (command, state) in new[] { ("pause", "Paused"), ("resume", "Running"), ("pause", "Paused"), ("resume", "Running"), ("pause", "Paused"), ("resume", "Running") })
        {
            var watch = Stopwatch.StartNew();
            (await api.PostAsync($"/api/trading/{command}", null)).EnsureSuccessStatusCode();
            await page.StateAsync(state, 5_000);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        File.WriteAllText(Path.Combine(Dashboard.ScreenshotDir, "..", "event-latency.txt"),
            string.Join(", ", latencies.Select(l => l.ToString("0", CultureInfo.InvariantCulture))) + " ms\n");
        // Each one arrived within StateAsync's 5 s; the typical one within a second (one stall of a loaded machine is not the pump's).
        var median = latencies.Order().ElementAt(latencies.Count / 2);
        Assert.True(median < 1_000, $"events took a median {median:0} ms to reach the page ({string.Join(", ", latencies.Select(x => x.ToString("0", CultureInfo.InvariantCulture)))})");
    }

    [Fact]
    public async Task Pause_then_resume_from_the_overview()
    {
        var page = await SignedInAsync();
        await page.StateAsync("Running");

        await page.ClickAsync("[data-testid=pause] button");
        await page.LiveAsync();
        await page.StateAsync("Paused");
        Assert.Contains("Trading paused", await page.TextContentAsync("[data-testid=outcome]"));
        Assert.Equal(EngineState.Paused, _app.Runtime.Loop!.State);

        await page.ClickAsync("[data-testid=resume] button");
        await page.LiveAsync();
        await page.StateAsync("Running");
        Assert.Equal(EngineState.Running, _app.Runtime.Loop.State);
    }

    [Fact]
    public async Task Emergency_close_all_asks_first_then_closes_and_pauses()
    {
        var page = await SignedInAsync();
        await page.StateAsync("Running");

        await page.ClickAsync("[data-testid=close-all]");
        await page.ClickAsync("[data-testid=close-all-cancel]");
        await page.WaitForSelectorAsync("[data-testid=close-all-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(EngineState.Running, _app.Runtime.Loop!.State);

        await page.ClickAsync("[data-testid=close-all]");
        await page.ClickAsync("[data-testid=close-all-confirm]");
        await page.LiveAsync();
        await page.StateAsync("Paused");
        Assert.Contains("Every position was sent to close", await page.TextContentAsync("[data-testid=outcome]"));
    }

    [Fact]
    public async Task An_unsigned_visitor_sees_only_the_sign_in_page_and_cannot_act()
    {
        var context = await browser.ContextAsync(_app.Url);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/risk");
        Assert.Contains("/signin", page.Url);
        Assert.Equal(0, await page.Locator("[data-testid=state]").CountAsync());

        var pause = await page.APIRequest.PostAsync("/controls/trading/pause", new APIRequestContextOptions { Form = page.APIRequest.CreateFormData().Set("returnUrl", "/") });
        var api = await page.APIRequest.PostAsync("/api/trading/pause");
        await page.FillAsync("[data-testid=token]", "not-the-admin-token-123");
        await page.ClickAsync("[data-testid=signin]");

        Assert.Equal(401, pause.Status);
        Assert.Equal(401, api.Status);
        Assert.Contains("That token is not the admin token", await page.TextContentAsync("[data-testid=signin-error]"));
        Assert.Equal(EngineState.Running, _app.Runtime.Loop!.State);
    }

    [Fact]
    public async Task Signing_out_from_the_page_ends_the_session()
    {
        var page = await SignedInAsync("/agents");

        await page.ClickAsync("[data-testid=signout]");
        await page.WaitForURLAsync("**/signin?signedOut=1");
        await page.GotoAsync("/agents");

        Assert.Contains("/signin", page.Url);
    }
}
