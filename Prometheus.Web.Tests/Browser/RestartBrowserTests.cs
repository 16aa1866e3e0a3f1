using Microsoft.Playwright;
using Prometheus.Web.Tests.Hosting;

namespace Prometheus.Web.Tests.Browser;

/// <summary>The real `serve` process, killed with SIGKILL under an open dashboard and started again on the same address.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RestartBrowserTests(BrowserSession browser)
{
    [Fact]
    public async Task Kill_9_shows_the_reconnect_banner_the_page_recovers_by_itself_and_confirming_the_report_resumes_trading()
    {
        var dataDir = TempFolder.Create();
        var port = ServeProcess.FreePort();
        var context = await browser.ContextAsync($"http://127.0.0.1:{port}");
        var page = await context.NewPageAsync();

        await using (var first = ServeProcess.StartOn(port, dataDir, barsPerSecond: 50))
        {
            await first.ReadyAsync();
            await page.SignInAsync(ServeProcess.Token);
            await page.StateAsync("Running");
            await Task.Delay(1_500); // a few trades to restore
            first.Kill();
        }

        // .NET 10's reconnect dialog, opened by blazor.web.js (ReconnectModal.razor).
        var banner = await page.WaitForSelectorAsync("#components-reconnect-modal[open]",
            new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
        Assert.Contains("Connection to Prometheus lost", await banner!.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Dashboard.ScreenshotDir, "reconnect-desktop.png") });

        await using var second = ServeProcess.StartOn(port, dataDir, barsPerSecond: 50);
        await second.ReadyAsync();

        // No reload by the test: the page reloads itself once the server answers, signed in by the same cookie.
        await page.StateAsync("AwaitingConfirmation", 40_000);
        await page.LiveAsync();
        await page.ClickAsync("[data-testid=state-strip] a[href='/recovery']");
        await page.WaitForURLAsync("**/recovery");
        try
        {
            await page.WaitForSelectorAsync("[data-testid=system-state]");
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Dashboard.ScreenshotDir, "failed-recovery.png"), FullPage = true });
            throw;
        }
        Assert.Contains("Restart: restored from saved state", await page.InnerTextAsync("[data-testid=system-state]"));
        Assert.Contains("waiting for you", await page.InnerTextAsync("[data-testid=recovery-state]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Dashboard.ScreenshotDir, "recovery-after-restart-desktop.png"), FullPage = true });

        await page.ClickAsync("[data-testid=confirm] button");
        await page.LiveAsync();
        await page.StateAsync("Running");
        Assert.Contains("Recovery confirmed", await page.InnerTextAsync("[data-testid=outcome]"));
        Assert.Equal("Running", (await second.GetAsync("/api/status")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_orphan_made_by_a_manual_order_is_adopted_from_the_orphans_page()
    {
        var dataDir = TempFolder.Create();
        await using var serve = ServeProcess.Start(dataDir, barsPerSecond: 50);
        await serve.ReadyAsync();
        var context = await browser.ContextAsync($"http://127.0.0.1:{serve.Port}");
        var page = await context.NewPageAsync();
        await page.SignInAsync(ServeProcess.Token);

        // An order placed by hand on the exchange: no agent owns it, reconciliation reports an orphan.
        using var manual = await serve.Http.PostAsync("/api/sim/manual-order",
            new StringContent("""{"instId":"BTC-USDT-SWAP","side":"buy","posSide":"long","sz":1}""", System.Text.Encoding.UTF8, "application/json"));
        manual.EnsureSuccessStatusCode();

        await page.GotoAsync("/orphans");
        await page.LiveAsync();
        var row = await page.WaitForSelectorAsync("tr[data-orphan]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var orphanId = await row!.GetAttributeAsync("data-orphan");
        // Orphan ids hold colons ("orphan:BTC-USDT-SWAP:136"): the attribute selectors quote them.
        // The engine runs on and culls (a day passes in half a second at this pace): an agent picked may die before the
        // confirm lands, and the desk refuses it by name. A person then picks another; so does the test, a few times.
        string agentId = "";
        string outcome = "";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.ClickAsync($"[data-testid=\"adopt-{orphanId}\"]");
            var agents = page.Locator($"[data-testid=\"adopt-{orphanId}-agent\"] option");
            agentId = await agents.Nth(1).GetAttributeAsync("value") ?? throw new InvalidOperationException("no agent to adopt with");
            await page.SelectOptionAsync($"[data-testid=\"adopt-{orphanId}-agent\"]", agentId);
            await page.ClickAsync($"[data-testid=\"adopt-{orphanId}-confirm\"]");
            await page.LiveAsync();
            outcome = await page.InnerTextAsync("[data-testid=outcome]");
            if (!outcome.Contains("is not a living agent", StringComparison.Ordinal)) break;
        }

        Assert.Contains("Done", outcome);
        // The agent now owns it (it may already have traded it on: the engine runs), booked as its own trade.
        var trades = await serve.GetAsync($"/api/trades?agent={agentId}&take=1000");
        Assert.Contains(trades.GetProperty("items").EnumerateArray(), t => t.GetProperty("origin").GetString() == "Outside"
            && t.GetProperty("exchangeTradeId").GetString()!.EndsWith($"-a{agentId}", StringComparison.Ordinal));
        var orphans = await serve.GetAsync("/api/orphans");
        Assert.Contains(orphans.EnumerateArray(), o => o.GetProperty("id").GetString() == orphanId && o.GetProperty("status").GetString() == "Adopted");
    }
}
