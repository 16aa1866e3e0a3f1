using System.Net;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Risk;

namespace Prometheus.Web.Tests.Dashboard;

/// <summary>The Risk page's reset of the circuit breaker: a form behind a confirm dialog, signed in, antiforgery checked, audited.</summary>
public sealed class RiskResetControlTests
{
    [Fact]
    public async Task The_risk_page_resets_a_tripped_breaker_with_a_reason_and_the_audit_log_keeps_who_and_why()
    {
        await using var factory = new DashboardFactory();
        var runtime = await factory.StartedAsync();
        var browser = factory.Browser(new CookieContainer());
        await browser.SignInAsync();
        await runtime.Loop!.QueryAsync(s => s.SystemRisk.Observe(s.NowMs, s.Equity * 0.4m)); // the breaker trips
        var page = await (await browser.GetAsync("/risk")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"risk-reset\"", page); // the control is there while the breaker is tripped

        // Without the page's antiforgery token the form is refused and nothing moves.
        using (var forged = await browser.PostFormAsync("/controls/risk/reset", ("reason", "forged"), ("returnUrl", "/risk")))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True(await runtime.Loop.QueryAsync(s => s.SystemRisk.DrawdownBreakerTripped));

        var antiforgery = await browser.AntiforgeryAsync("/risk");
        using var response = await browser.PostFormAsync("/controls/risk/reset",
            ("__RequestVerificationToken", antiforgery), ("returnUrl", "/risk"), ("reason", "the drawdown was one bad fill"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var outcome = await (await browser.GetAsync(response.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();

        Assert.Contains("The circuit breaker was reset", outcome);
        Assert.Equal((TradingState.Active, false), await runtime.Loop.QueryAsync(s => (s.SystemRisk.State, s.SystemRisk.DrawdownBreakerTripped)));
        using var reader = StoreReader.Open(factory.DataDir);
        var entry = Assert.Single(reader.Audit(0, 50), a => a.Action == "risk-reset");
        Assert.StartsWith("admin@", entry.Actor);
        Assert.EndsWith("-> Active; reason: the drawdown was one bad fill (dashboard)", entry.Detail);
        Assert.DoesNotContain("data-testid=\"risk-reset\"", outcome); // nothing left to reset
    }
}
