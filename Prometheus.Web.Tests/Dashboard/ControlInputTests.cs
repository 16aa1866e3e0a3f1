using System.Net;
using System.Text.Json;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Tests.Dashboard;

/// <summary>
/// The controls' forms are checked whole before the command runs: a returnUrl no redirect can carry, a text field over
/// 500 characters or a form over 64 KB is refused (400, 413) and the engine is left as it was.
/// </summary>
public sealed class ControlInputTests
{
    private static async Task<(DashboardFactory Factory, EngineRuntime Runtime, HttpClient Browser, string Antiforgery)> SignedInAsync()
    {
        var factory = new DashboardFactory();
        var runtime = await factory.StartedAsync();
        var browser = factory.Browser(new CookieContainer());
        await browser.SignInAsync();
        return (factory, runtime, browser, await browser.AntiforgeryAsync("/"));
    }

    private static List<string> AuditedActions(string dataDir)
    {
        using var reader = StoreReader.Open(dataDir);
        return [.. reader.Audit(0, 1000).Select(a => a.Action)];
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    [Theory]
    [InlineData("/\tx")]
    [InlineData("/x\u0007")]
    [InlineData("/x\r\nSet-Cookie: a=b")]
    [InlineData("/é")]
    public async Task A_control_with_a_bad_returnUrl_is_refused_before_it_runs(string returnUrl)
    {
        var (factory, runtime, browser, antiforgery) = await SignedInAsync();
        await using var host = factory;

        using var response = await browser.PostFormAsync("/controls/trading/pause", ("__RequestVerificationToken", antiforgery), ("returnUrl", returnUrl));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("returnUrl", out _), problem.ToString());
        Assert.Equal(EngineState.Running, runtime.Loop!.State);
        Assert.DoesNotContain("pause", AuditedActions(factory.DataDir));
    }

    [Fact]
    public async Task A_control_with_a_returnUrl_to_another_host_runs_and_comes_back_home()
    {
        var (factory, runtime, browser, antiforgery) = await SignedInAsync();
        await using var host = factory;

        using var response = await browser.PostFormAsync("/controls/trading/pause", ("__RequestVerificationToken", antiforgery), ("returnUrl", "//evil.example/"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/?outcome=", response.Headers.Location!.OriginalString);
        Assert.Equal(EngineState.Paused, runtime.Loop!.State);
    }

    [Fact]
    public async Task A_reason_over_500_characters_is_refused()
    {
        var (factory, runtime, browser, antiforgery) = await SignedInAsync();
        await using var host = factory;
        (string, string)[] Intervention(string reason) =>
            [("__RequestVerificationToken", antiforgery), ("returnUrl", "/mastermind"), ("enabled", "on"), ("spotShare", "30"), ("riskAppetite", "1"), ("reason", reason)];

        using var tooLong = await browser.PostFormAsync("/controls/mastermind/intervene", Intervention(new string('r', 501)));

        var problem = await ProblemAsync(tooLong, HttpStatusCode.BadRequest);
        Assert.Contains("at most 500 characters", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.False(await runtime.Loop!.QueryAsync(s => s.Mastermind.InterventionMode));
        Assert.DoesNotContain("intervention", AuditedActions(factory.DataDir));

        using var longest = await browser.PostFormAsync("/controls/mastermind/intervene", Intervention(new string('r', 500)));
        Assert.Equal(HttpStatusCode.SeeOther, longest.StatusCode);
        Assert.True(await runtime.Loop.QueryAsync(s => s.Mastermind.InterventionMode));
    }

    [Fact]
    public async Task A_form_over_64_KB_is_refused_with_413_before_it_runs()
    {
        var (factory, runtime, browser, antiforgery) = await SignedInAsync();
        await using var host = factory;

        using var response = await browser.PostFormAsync("/controls/trading/pause",
            ("__RequestVerificationToken", antiforgery), ("returnUrl", "/"), ("padding", new string('p', 70 * 1024)));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("64 KB", problem.GetProperty("detail").GetString());
        Assert.Equal(EngineState.Running, runtime.Loop!.State);
        Assert.DoesNotContain("pause", AuditedActions(factory.DataDir));
    }
}
