using System.Net;
using System.Text.Json;
using Prometheus.Web.Security;
using Prometheus.Web.Tests.Dashboard;

namespace Prometheus.Web.Tests.Security;

/// <summary>
/// Where the token link and the sign-in form send the browser: only a path on this host; anything else goes home; a
/// value no redirect can carry is refused with 400 before anyone is signed in.
/// </summary>
public sealed class ReturnUrlTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private HttpClient Browser() => factory.Browser(new CookieContainer());

    public static TheoryData<string> ForeignUrls => ["//evil.example/", "//evil.example/x?y=1", "/\\evil.example/", "https://evil.example/", "evil.example", "javascript:alert(1)"];

    public static TheoryData<string> UnusableUrls => ["/a\tb", "/a\u0001b", "/a b", "/agents\u007f", "/é", "/" + new string('a', ReturnUrl.MaxLength)];

    private static async Task AssertRefusedNamingReturnUrlAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(ReturnUrl.FieldName, out _), problem.ToString());
    }

    [Theory]
    [MemberData(nameof(ForeignUrls))]
    public async Task A_returnUrl_to_another_host_is_not_followed(string returnUrl)
    {
        using var link = await Browser().GetAsync($"/?token={DashboardFactory.Token}&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Equal("/", link.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_local_returnUrl_on_the_token_link_is_followed()
    {
        var browser = Browser();

        using var link = await browser.GetAsync($"/?token={DashboardFactory.Token}&returnUrl={Uri.EscapeDataString("/agents?x=1")}");

        Assert.Equal("/agents?x=1", link.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agents")).StatusCode);
    }

    [Fact]
    public async Task A_token_link_on_a_path_that_starts_with_two_slashes_stays_on_the_host()
    {
        using var link = await Browser().GetAsync(new Uri($"http://localhost//evil.example/?token={DashboardFactory.Token}"));

        Assert.Equal("/", link.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_token_link_passes_only_a_local_returnUrl_to_the_sign_in_page()
    {
        using var link = await Browser().GetAsync($"/?token=wrong-token-0123456789&returnUrl={Uri.EscapeDataString("//evil.example/")}");

        Assert.Equal("/signin?error=link&returnUrl=%2F", link.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(UnusableUrls))]
    public async Task A_token_link_with_a_returnUrl_no_redirect_can_carry_is_refused_before_signing_in(string returnUrl)
    {
        var browser = Browser();

        using var link = await browser.GetAsync($"/?token={DashboardFactory.Token}&returnUrl={Uri.EscapeDataString(returnUrl)}");

        await AssertRefusedNamingReturnUrlAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/agents")).StatusCode); // still signed out
    }

    [Theory]
    [MemberData(nameof(UnusableUrls))]
    public async Task A_sign_in_with_a_returnUrl_no_redirect_can_carry_is_refused_before_signing_in(string returnUrl)
    {
        var browser = Browser();
        var antiforgery = await browser.AntiforgeryAsync("/signin");

        using var response = await browser.PostFormAsync("/account/signin",
            ("__RequestVerificationToken", antiforgery), ("token", DashboardFactory.Token), ("returnUrl", returnUrl));

        await AssertRefusedNamingReturnUrlAsync(response);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/agents")).StatusCode);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/agents?x=1", "/agents?x=1")]
    [InlineData("/agents/3#top", "/agents/3#top")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("agents", "/")]
    [InlineData("~/agents", "/")]
    public void Only_a_path_on_this_host_is_followed(string? value, string followed)
    {
        Assert.Null(ReturnUrl.Problem(value));
        Assert.Equal(followed, ReturnUrl.LocalOrHome(value));
    }

    [Theory]
    [MemberData(nameof(UnusableUrls))]
    public void A_value_no_location_header_can_carry_is_a_problem_not_a_home_page(string value)
    {
        Assert.StartsWith(ReturnUrl.FieldName + " must be", ReturnUrl.Problem(value));
        Assert.Equal(ReturnUrl.Home, ReturnUrl.LocalOrHome(value));
    }
}
