using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Prometheus.Web.Tests.Browser;

/// <summary>The Trades page's candle chart and data grid, and the Overview's agents' return chart, in Chromium against the real app.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartsAndGridsBrowserTests(BrowserSession browser) : IAsyncLifetime
{
    private LiveApp _app = null!;

    public async Task InitializeAsync() => _app = await LiveApp.StartAsync(barsPerSecond: 250);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IPage> SignedInAsync(string path)
    {
        var context = await browser.ContextAsync(_app.Url, 1280, 800);
        var page = await context.NewPageAsync();
        await page.SignInAsync(LiveApp.Token, path);
        return page;
    }

    private HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = new Uri(_app.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LiveApp.Token);
        return http;
    }

    private static async Task<JsonElement> TradesAsync(HttpClient api, string query = "") =>
        await api.GetFromJsonAsync<JsonElement>($"/api/trades?take=1{query}");

    /// <summary>The page and the API agree within a few seconds (a fill booked after the pause may still arrive).</summary>
    private static async Task AgreeAsync(Func<Task<string>> expected, Func<Task<string?>> shown, string what)
    {
        string want = "", got = "";
        for (var i = 0; i < 40; i++)
        {
            want = await expected();
            got = await shown() ?? "";
            if (want == got) return;
            await Task.Delay(250);
        }
        Assert.Fail($"{what}: the page shows '{got}', the API says '{want}'");
    }

    [Fact]
    public async Task The_trades_grid_pages_and_filters_from_the_store_and_the_candles_take_a_longer_range()
    {
        using var api = Api();
        for (var i = 0; i < 120 && (await TradesAsync(api)).GetProperty("total").GetInt32() < 60; i++) await Task.Delay(500);
        (await api.PostAsync("/api/trading/pause", null)).EnsureSuccessStatusCode();
        var page = await SignedInAsync("/trades");
        await page.WaitForSelectorAsync("[data-testid=candle-chart] canvas");

        await AgreeAsync(async () => $"{(await TradesAsync(api)).GetProperty("total").GetInt32().ToString("N0", CultureInfo.InvariantCulture)} fills match",
            () => page.TextContentAsync("[data-testid=trades-total]"), "fills matching");
        Assert.Equal(50, await page.Locator("[data-testid=trades] tbody tr").CountAsync());

        var first = (await TradesAsync(api)).GetProperty("items")[0].GetProperty("agentId").GetInt32();
        await page.FillAsync("[data-testid=filter-agent]", first.ToString(CultureInfo.InvariantCulture));
        await page.PressAsync("[data-testid=filter-agent]", "Tab");
        await AgreeAsync(async () => $"{(await TradesAsync(api, $"&agent={first}")).GetProperty("total").GetInt32().ToString("N0", CultureInfo.InvariantCulture)} fills match",
            () => page.TextContentAsync("[data-testid=trades-total]"), "fills of one agent");
        var agents = await page.Locator("[data-testid=trades] tbody tr td:nth-child(2)").AllTextContentsAsync();
        Assert.NotEmpty(agents);
        Assert.All(agents, a => Assert.Equal($"#{first}", a.Trim()));

        Assert.Equal("true", await page.GetAttributeAsync("[data-testid=candle-range] [data-range='1w']", "aria-pressed"));
        // Three months of bars with their indicators and markers (about 2 MB): the button shows pressed once the chart took them.
        await page.ClickAsync("[data-testid=candle-range] [data-range='3m']");
        await page.WaitForSelectorAsync("[data-testid=candle-range] [data-range='3m'][aria-pressed=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.LiveAsync();
        Assert.Equal(1, await page.Locator("[data-testid=candle-chart] canvas").First.CountAsync());
    }

    [Fact]
    public async Task The_agents_return_chart_shows_the_best_ranked_and_a_chip_hides_one()
    {
        var page = await SignedInAsync("/");
        await page.WaitForSelectorAsync("[data-testid=agent-return-chart] canvas");
        await page.WaitForSelectorAsync("[data-testid=agent-chips] [data-agent] .legend-dot", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var before = await page.Locator("[data-testid=agent-chips] [data-agent]:has(.legend-dot)").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.agent)");
        var shown = before.Length;
        Assert.InRange(shown, 1, 5);

        // The chip is clicked by its agent, not by its place: the chips reorder with the ranking now and then.
        var id = before[0];
        await page.ClickAsync($"[data-testid=agent-chips] [data-agent='{id}']");

        // Its dot goes; so does its chip if the agent died meanwhile (the engine runs on and culls).
        await page.WaitForFunctionAsync($"() => !document.querySelector(\"[data-testid=agent-chips] [data-agent='{id}'] .legend-dot\")");
        // The rest stay shown (the engine runs on: an agent whose first funded point just came may join them, up to five).
        var after = await page.Locator("[data-testid=agent-chips] [data-agent]:has(.legend-dot)").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.agent)");
        Assert.DoesNotContain(id, after);
        Assert.InRange(after.Length, 0, 5);
        // The others stay shown, unless one died meanwhile (the engine runs on and culls).
        using var api = Api();
        var living = (await api.GetFromJsonAsync<JsonElement>("/api/agents")).EnumerateArray()
            .Select(a => a.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture)).ToHashSet();
        Assert.All(before.Where(a => a != id), a => Assert.True(after.Contains(a) || !living.Contains(a), $"agent {a} was hidden without a click"));
    }
}
