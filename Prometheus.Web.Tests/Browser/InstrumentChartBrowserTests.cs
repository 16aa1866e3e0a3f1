using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Prometheus.Web.Tests.Hosting;

namespace Prometheus.Web.Tests.Browser;

/// <summary>With four instruments replayed side by side, the Trades page's chart shows the instrument picked, with its own fills as markers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InstrumentChartBrowserTests(BrowserSession browser) : IAsyncLifetime
{
    private LiveApp _app = null!;

    public async Task InitializeAsync() => _app = await LiveApp.StartAsync(barsPerSecond: 150, PaperSeveralSeriesTests.FourInstruments());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<bool> HasEthFillsAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/trades?take=1000")).GetProperty("items").EnumerateArray()
            .Count(f => f.GetProperty("instId").GetString() == "ETH-USDT-SWAP") >= 3;

    [Fact]
    public async Task Picking_an_instrument_charts_its_own_candles_and_lists_its_fills()
    {
        using var api = _app.Api();
        for (var i = 0; i < 120 && !await HasEthFillsAsync(api); i++) await Task.Delay(500);
        var page = await _app.SignedInAsync(browser, "/trades", 1280, 800);
        await page.WaitForSelectorAsync("[data-testid=candle-chart] canvas");
        Assert.Equal("BTC-USDT-SWAP, 1 h", (await page.TextContentAsync("[data-testid=chart-instrument]"))?.Trim());

        await page.ClickAsync("[data-testid=filter-inst]");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('ETH-USDT-SWAP')");

        await page.WaitForSelectorAsync("[data-testid=chart-instrument]:has-text('ETH-USDT-SWAP, 1 h')");
        await page.WaitForSelectorAsync("[data-testid=trades] tbody tr td:has-text('ETH-USDT-SWAP')");
        var instruments = await page.Locator("[data-testid=trades] tbody tr td:nth-child(3)").AllTextContentsAsync();
        Assert.All(instruments, i => Assert.Equal("ETH-USDT-SWAP", i.Trim()));
        await page.LiveAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Dashboard.ScreenshotDir, "trades-eth-desktop.png") });
    }
}
