using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Web.Reports;

namespace Prometheus.Web.Tests.Dashboard;

/// <summary>The Research page's backtest form: signed in, antiforgery checked; a field that does not parse or that the run refuses is named and nothing starts.</summary>
public sealed class BacktestControlTests
{
    [Fact]
    public async Task The_backtest_form_without_its_antiforgery_token_or_with_a_bad_field_starts_nothing_and_says_which_field()
    {
        await using var factory = new DashboardFactory();
        await factory.StartedAsync();
        var browser = factory.Browser(new CookieContainer());
        await browser.SignInAsync();
        var jobs = factory.Services.GetRequiredService<BacktestJobs>();

        using (var forged = await browser.PostFormAsync("/controls/backtests/start", ("agents", "10"), ("returnUrl", "/research")))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(BacktestJobView.Idle, jobs.Current.State);

        foreach (var (field, value, says) in new[]
        {
            ("agents", "ten", "Agents must be a whole number"),
            ("agents", "0", "Agents must be between 1 and 1000"),
            ("seed", "4.2", "Seed must be a whole number"),
            ("from", "01/02/2025", "From must be a date (yyyy-MM-dd)"),
            ("to", "2099-01-01", "To 2099-01-01 is outside the data"),
            ("profile", "nope", "Profile must be one of"),
        })
        {
            var antiforgery = await browser.AntiforgeryAsync("/research");
            using var response = await browser.PostFormAsync("/controls/backtests/start",
                ("__RequestVerificationToken", antiforgery), ("returnUrl", "/research"), (field, value));
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            var outcome = await (await browser.GetAsync(response.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
            Assert.Contains(System.Net.WebUtility.HtmlEncode(says), outcome);
            Assert.Equal(BacktestJobView.Idle, jobs.Current.State);
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.DataDir, "reports")));
    }
}
