using System.Net;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Tests.Components;

namespace Prometheus.Web.Tests.Dashboard;

/// <summary>The dashboard's forms posted as a browser posts them, against the real engine.</summary>
public sealed class ControlEndpointTests
{
    private static async Task<(HttpResponseMessage Response, string Outcome)> PostControlAsync(HttpClient browser, string page, string control, params (string, string)[] fields)
    {
        var antiforgery = await browser.AntiforgeryAsync(page);
        var response = await browser.PostFormAsync(control, [("__RequestVerificationToken", antiforgery), ("returnUrl", page), .. fields]);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(page + (page.Contains('?') ? "&" : "?") + "outcome=", location);
        var html = await (await browser.GetAsync(location)).Content.ReadAsStringAsync();
        return (response, html);
    }

    [Fact]
    public async Task Pause_and_resume_from_the_overview_move_the_engine_and_are_audited()
    {
        await using var factory = new DashboardFactory();
        var runtime = await factory.StartedAsync();
        var browser = factory.Browser(new CookieContainer());
        await browser.SignInAsync();

        var (_, paused) = await PostControlAsync(browser, "/", "/controls/trading/pause");
        Assert.Equal(EngineState.Paused, runtime.Loop!.State);
        Assert.Contains("Trading paused", paused);

        var (_, resumed) = await PostControlAsync(browser, "/", "/controls/trading/resume");
        Assert.Equal(EngineState.Running, runtime.Loop.State);
        Assert.Contains("Trading resumed", resumed);

        using var reader = StoreReader.Open(factory.DataDir);
        var audit = reader.Audit(0, 10).Select(a => (a.Action, a.Detail)).ToList();
        Assert.Contains(("pause", "Running -> Paused (dashboard)"), audit);
        Assert.Contains(("resume", "Paused -> Running (dashboard)"), audit);
        Assert.Contains(audit, a => a.Action == "sign-in");
    }

    [Fact]
    public async Task A_refused_control_says_why()
    {
        await using var factory = new DashboardFactory();
        await factory.StartedAsync();
        var browser = factory.Browser(new CookieContainer());
        await browser.SignInAsync();

        var (_, html) = await PostControlAsync(browser, "/recovery", "/controls/recovery/confirm");

        Assert.Contains("Refused: Nothing to confirm: the engine is Running.", html);
    }

    [Fact]
    public async Task Closing_a_position_that_is_not_open_from_the_positions_page_is_refused_and_audited_as_the_api_audits_it()
    {
        await using var factory = new DashboardFactory();
        await factory.StartedAsync();
        var browser = factory.Browser(new CookieContainer());
        await browser.SignInAsync();

        var (_, html) = await PostControlAsync(browser, "/positions", "/controls/positions/close",
            ("agentId", "9999"), ("instId", "BTC-USDT-SWAP"), ("posSide", "long"), ("reason", "checking the refusal"));

        Assert.Contains("Refused: There is no open position agent 9999 BTC-USDT-SWAP long", html);
        using var reader = StoreReader.Open(factory.DataDir);
        Assert.Contains(reader.Audit(0, 10), a => a.Action == "close-position"
            && a.Detail == "refused, no position agent 9999 BTC-USDT-SWAP long: checking the refusal (dashboard)");
    }

    [Fact]
    public async Task A_position_close_without_a_reason_is_refused_before_the_engine_is_asked()
    {
        await using var factory = new DashboardFactory();
        await factory.StartedAsync();
        var browser = factory.Browser(new CookieContainer());
        await browser.SignInAsync();

        var (_, html) = await PostControlAsync(browser, "/positions", "/controls/positions/close",
            ("agentId", "1"), ("instId", "BTC-USDT-SWAP"), ("posSide", "long"), ("reason", " "));

        Assert.Contains("Refused: Reason is required", html);
        using var reader = StoreReader.Open(factory.DataDir);
        Assert.DoesNotContain(reader.Audit(0, 10), a => a.Action == "close-position");
    }

    [Fact]
    public async Task After_a_restart_the_cookie_still_signs_in_and_the_confirm_button_resumes_trading()
    {
        var jar = new CookieContainer();
        string dataDir;
        await using (var first = new DashboardFactory())
        {
            dataDir = first.DataDir;
            await first.StartedAsync();
            await first.Browser(jar).SignInAsync();
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataDir, "keys"), "key-*.xml"));

        await using var second = new DashboardFactory { DataDir = dataDir };
        var runtime = await second.StartedAsync();
        Assert.Equal(EngineState.AwaitingConfirmation, runtime.Loop!.State);
        var browser = second.Browser(jar); // no new sign-in: the cookie of the first run

        var (_, html) = await PostControlAsync(browser, "/recovery", "/controls/recovery/confirm");

        Assert.Equal(EngineState.Running, runtime.Loop.State);
        Assert.Contains("Recovery confirmed", html);
    }

    [Fact]
    public async Task Orphan_actions_and_decisions_reach_the_reconciler_with_what_the_person_chose()
    {
        var desk = new FakeReconciliation();
        await using var factory = new DashboardFactory { Reconciliation = desk };
        await factory.StartedAsync();
        var browser = factory.Browser(new CookieContainer());
        await browser.SignInAsync();

        await PostControlAsync(browser, "/orphans", "/controls/orphans/adopt", ("orphanId", "orph-1"), ("agentId", "3"));
        await PostControlAsync(browser, "/orphans", "/controls/orphans/close", ("orphanId", "orph-2"));
        await PostControlAsync(browser, "/orphans", "/controls/orphans/dismiss", ("orphanId", "orph-3"));
        await PostControlAsync(browser, "/recovery", "/controls/recovery/decide", ("itemId", "r9"), ("choice", "flatten-both"));
        var (_, noAgent) = await PostControlAsync(browser, "/orphans", "/controls/orphans/adopt", ("orphanId", "orph-4"), ("agentId", ""));

        Assert.Equal(["adopt orph-1 by 3", "close orph-2", "dismiss orph-3", "decide r9 flatten-both"], desk.Calls);
        Assert.Contains("Choose the agent that adopts the orphan", noAgent);
    }
}
