using System.Net;
using System.Text.Json;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Tests.Dashboard;

public sealed class DashboardAuthTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private HttpClient Browser() => factory.Browser(new CookieContainer());

    [Theory]
    [InlineData("/", "%2F")]
    [InlineData("/agents", "%2Fagents")]
    [InlineData("/recovery", "%2Frecovery")]
    [InlineData("/orphans", "%2Forphans")]
    public async Task An_unsigned_visitor_is_sent_to_the_sign_in_page(string page, string returnUrl)
    {
        using var response = await Browser().GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/signin?ReturnUrl={returnUrl}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_sign_in_page_is_a_form_post_with_antiforgery_and_shows_no_figure()
    {
        using var response = await Browser().GetAsync("/signin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("action=\"/account/signin\"", html);
        Assert.Contains("__RequestVerificationToken", html);
        Assert.DoesNotContain("Equity", html);
        Assert.DoesNotContain("Blazor:{\"type\":\"server\"", html); // plain HTML: no circuit for a visitor
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_right_token_signs_in_and_the_pages_never_show_it()
    {
        var browser = Browser();
        await browser.SignInAsync();

        using var response = await browser.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Overview", html);
        Assert.Contains("data-testid=\"state\"", html);
        Assert.DoesNotContain(DashboardFactory.Token, html);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_signs_nobody_in()
    {
        var browser = Browser();
        var antiforgery = await browser.AntiforgeryAsync("/signin");

        using var response = await browser.PostFormAsync("/account/signin", ("__RequestVerificationToken", antiforgery), ("token", "not-the-token-at-all"), ("returnUrl", "/risk"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin?error=token", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/risk")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        using var response = await Browser().PostFormAsync("/account/signin", ("token", DashboardFactory.Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_redirects_off_the_host(string returnUrl)
    {
        var browser = Browser();
        var antiforgery = await browser.AntiforgeryAsync("/signin");

        using var response = await browser.PostFormAsync("/account/signin", ("__RequestVerificationToken", antiforgery), ("token", DashboardFactory.Token), ("returnUrl", returnUrl));

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_token_link_signs_in_once_and_redirects_to_the_same_page_without_the_token()
    {
        var browser = Browser();

        using var response = await browser.GetAsync($"/agents?token={DashboardFactory.Token}&x=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/agents?x=1", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agents")).StatusCode);
    }

    [Fact]
    public async Task A_token_link_with_a_wrong_token_goes_to_the_sign_in_page()
    {
        using var response = await Browser().GetAsync("/?token=wrong-token-0123456789");

        Assert.StartsWith("/signin?error=link", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_cookie_does_not_open_the_json_api_which_stays_bearer_only_and_answers_401_problem_json()
    {
        var browser = Browser();
        await browser.SignInAsync();

        using var response = await browser.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_hub_and_the_circuit_need_a_signed_in_person_or_the_token()
    {
        var anonymous = Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/hubs/engine/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/hubs/engine/negotiate?negotiateVersion=1&access_token=wrong-token-0123", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/hubs/engine/negotiate?negotiateVersion=1&access_token={DashboardFactory.Token}", null)).StatusCode);
        var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DashboardFactory.Token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.PostAsync("/hubs/engine/negotiate?negotiateVersion=1", null)).StatusCode);
        var person = Browser();
        await person.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await person.PostAsync("/hubs/engine/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Fact]
    public async Task Controls_refuse_an_unsigned_visitor_and_a_post_without_antiforgery_and_change_nothing()
    {
        var runtime = await factory.StartedAsync();
        var before = runtime.Loop!.State;

        using var unsigned = await Browser().PostFormAsync("/controls/trading/pause", ("returnUrl", "/"));
        var person = Browser();
        await person.SignInAsync();
        using var forged = await person.PostFormAsync("/controls/trading/pause", ("returnUrl", "/"));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, runtime.Loop.State);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var browser = Browser();
        await browser.SignInAsync();
        var antiforgery = await browser.AntiforgeryAsync("/");

        using var response = await browser.PostFormAsync("/account/signout", ("__RequestVerificationToken", antiforgery));

        Assert.Equal("/signin?signedOut=1", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }
}
