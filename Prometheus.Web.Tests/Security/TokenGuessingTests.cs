using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus.Web.Security;
using Prometheus.Web.Tests.Dashboard;

namespace Prometheus.Web.Tests.Security;

/// <summary>
/// Guessing the admin token is limited by one count per address, whichever way the guesses come (Bearer, the ?token=
/// link, the sign-in form): past the limit every request carrying a token gets 429 with Retry-After. Only failures
/// count, and the guesses are logged without the token. Each test has its own host, so its own count.
/// </summary>
public sealed class TokenGuessingTests
{
    private const int Limit = TokenGuessLimiter.FailuresPerWindow;

    private static HttpRequestMessage Bearer(string token, string path = "/api/status")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static string Guess(int i) => $"guess-{i:D4}-0123456789abcdef";

    private static async Task<HttpStatusCode> GuessByBearerAsync(HttpClient client, int i) =>
        (await client.SendAsync(Bearer(Guess(i)))).StatusCode;

    private static async Task<HttpStatusCode> GuessByLinkAsync(HttpClient browser, int i) =>
        (await browser.GetAsync($"/agents?token={Guess(i)}")).StatusCode;

    private static async Task<HttpStatusCode> GuessByFormAsync(HttpClient browser, string antiforgery, int i) =>
        (await browser.PostFormAsync("/account/signin", ("__RequestVerificationToken", antiforgery), ("token", Guess(i)), ("returnUrl", "/"))).StatusCode;

    private static async Task AssertHeldOffAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, TokenGuessLimiter.Window.TotalSeconds);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("try again in", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_guessing_by_bearer_is_limited_with_429_and_retry_after()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();

        for (var i = 0; i < Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await GuessByBearerAsync(client, i));

        await AssertHeldOffAsync(await client.SendAsync(Bearer(Guess(Limit))));
        using var pause = Bearer(Guess(Limit + 1), "/api/trading/pause");
        pause.Method = HttpMethod.Post;
        await AssertHeldOffAsync(await client.SendAsync(pause));
    }

    [Fact]
    public async Task Token_guessing_by_the_link_is_limited_with_429_and_retry_after()
    {
        await using var factory = new DashboardFactory();
        var browser = factory.Browser(new CookieContainer());

        for (var i = 0; i < Limit; i++)
            Assert.Equal(HttpStatusCode.Redirect, await GuessByLinkAsync(browser, i));

        await AssertHeldOffAsync(await browser.GetAsync($"/?token={Guess(Limit)}"));
    }

    [Fact]
    public async Task Token_guessing_by_the_sign_in_form_is_limited_with_429_and_retry_after()
    {
        await using var factory = new DashboardFactory();
        var browser = factory.Browser(new CookieContainer());
        var antiforgery = await browser.AntiforgeryAsync("/signin");

        for (var i = 0; i < Limit; i++)
            Assert.Equal(HttpStatusCode.Redirect, await GuessByFormAsync(browser, antiforgery, i));

        await AssertHeldOffAsync(await browser.PostFormAsync("/account/signin",
            ("__RequestVerificationToken", antiforgery), ("token", Guess(Limit)), ("returnUrl", "/")));
    }

    [Fact]
    public async Task The_three_ways_share_one_count()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();
        var browser = factory.Browser(new CookieContainer());
        var antiforgery = await browser.AntiforgeryAsync("/signin");

        for (var i = 0; i < Limit; i++)
        {
            var status = (i % 3) switch
            {
                0 => await GuessByBearerAsync(client, i),
                1 => await GuessByLinkAsync(browser, i),
                _ => await GuessByFormAsync(browser, antiforgery, i),
            };
            Assert.NotEqual(HttpStatusCode.TooManyRequests, status);
        }

        await AssertHeldOffAsync(await client.SendAsync(Bearer(Guess(Limit))));
        await AssertHeldOffAsync(await browser.GetAsync($"/?token={Guess(Limit)}"));
        await AssertHeldOffAsync(await browser.PostFormAsync("/account/signin",
            ("__RequestVerificationToken", antiforgery), ("token", Guess(Limit)), ("returnUrl", "/")));
        await AssertHeldOffAsync(await client.PostAsync($"/hubs/engine/negotiate?negotiateVersion=1&access_token={Guess(Limit)}", null));
    }

    [Fact]
    public async Task While_an_address_is_held_off_even_the_right_token_gets_429()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();
        var browser = factory.Browser(new CookieContainer());
        for (var i = 0; i < Limit; i++)
            await GuessByBearerAsync(client, i);

        // A right token let through would tell the guesser it has found it.
        await AssertHeldOffAsync(await client.SendAsync(Bearer(DashboardFactory.Token)));
        await AssertHeldOffAsync(await browser.GetAsync($"/?token={DashboardFactory.Token}"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode); // not signed in
    }

    [Fact]
    public async Task The_right_token_is_never_counted_and_requests_without_one_are_never_held_off()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();
        var person = factory.Browser(new CookieContainer());
        await person.SignInAsync();

        for (var i = 0; i < 2 * Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Bearer(DashboardFactory.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await GuessByBearerAsync(client, 0));

        for (var i = 1; i < Limit; i++)
            await GuessByBearerAsync(client, i);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/agents")).StatusCode);
    }

    [Fact]
    public async Task Wrong_tokens_are_logged_with_the_way_and_never_the_token()
    {
        string dataDir;
        await using (var factory = new DashboardFactory())
        {
            dataDir = factory.DataDir;
            var client = factory.CreateClient();
            var browser = factory.Browser(new CookieContainer());
            var antiforgery = await browser.AntiforgeryAsync("/signin");
            await GuessByBearerAsync(client, 1);
            await GuessByLinkAsync(browser, 2);
            await GuessByFormAsync(browser, antiforgery, 3);
        }

        var log = string.Concat(Directory.GetFiles(Path.Combine(dataDir, "logs")).Select(File.ReadAllText));
        Assert.Contains("A wrong admin token was refused ({Way}, from {Address})", log);
        Assert.Contains("\"Way\":\"bearer\"", log);
        Assert.Contains("\"Way\":\"token link\"", log);
        Assert.Contains("\"Way\":\"sign-in form\"", log);
        foreach (var i in new[] { 1, 2, 3 })
            Assert.DoesNotContain(Guess(i), log);
        Assert.DoesNotContain(DashboardFactory.Token, log);
    }

    [Fact]
    public void Another_address_is_not_held_off_by_one_that_guessed()
    {
        using var limiter = new TokenGuessLimiter(NullLogger<TokenGuessLimiter>.Instance);
        static HttpContext From(string address, bool withToken = true)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Path = "/api/status";
            if (withToken) context.Request.Headers.Authorization = "Bearer guess";
            return context;
        }

        for (var i = 0; i < Limit; i++)
        {
            using var lease = limiter.AttemptAcquire(From("10.0.0.1"));
            Assert.True(lease.IsAcquired, $"held off after {i} failures");
            limiter.Failed(From("10.0.0.1"), TokenGuessLimiter.ByBearer);
        }

        using (var guesser = limiter.AttemptAcquire(From("10.0.0.1")))
            Assert.False(guesser.IsAcquired);
        using (var neighbour = limiter.AttemptAcquire(From("10.0.0.2")))
            Assert.True(neighbour.IsAcquired);
        using (var noToken = limiter.AttemptAcquire(From("10.0.0.1", withToken: false)))
            Assert.True(noToken.IsAcquired);
    }
}
