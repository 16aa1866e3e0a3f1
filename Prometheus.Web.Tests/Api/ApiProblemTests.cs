using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Tests.Api;

/// <summary>
/// Every API error is RFC 7807 problem details naming what is wrong, with no stack trace, and bad input changes
/// nothing: malformed JSON, wrong types, overflowing numbers, a body that is not JSON, text over 500 characters, a body
/// over 64 KB, to every POST route there is (read from the app's own routes, so a route added later is checked too).
/// </summary>
public sealed class ApiProblemTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Every POST route under /api, with a sample id for its parameters, and whether it reads a body.</summary>
    private IReadOnlyList<(string Path, bool TakesBody)> PostRoutes() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => (string.Join('/', e.RoutePattern.RawText!.Split('/').Select(s => s.StartsWith('{') ? "orph-1" : s)),
                e.Metadata.GetMetadata<IAcceptsMetadata>() is not null))];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await client.PostAsync(path, content);
    }

    /// <summary>The answer is a problem with this status, a detail, the former error field, and no trace of the code.</summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what}: {(int)response.StatusCode} {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {response.Content.Headers.ContentType} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"{what}: no detail in {body}");
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("error").GetString());
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("System.", body);
        return problem;
    }

    private static void AssertNames(JsonElement problem, string field) =>
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"names {field}: {problem}");

    /// <summary>What a bad request must not change: the engine's state, the audit log, the Mastermind, the exchange's fills.</summary>
    private async Task<(EngineState, int, bool, int)> WorldAsync()
    {
        var runtime = await factory.StartedAsync();
        using var reader = StoreReader.Open(factory.DataDir);
        // Fills by hand (manual orders, closes, liquidations) carry no clOrdId; the agents' own keep trading meanwhile.
        var byHand = (await runtime.Exchange!.GetFillsAsync()).Count(f => f.ClOrdId.Length == 0);
        return (runtime.Loop!.State, reader.Audit(0, 1000).Count, await runtime.Loop.QueryAsync(s => s.Mastermind.InterventionMode), byHand);
    }

    [Fact]
    public async Task Malformed_json_gets_problem_details_naming_the_field()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        using var response = await PostAsync(client, "/api/mastermind/intervention", """{"enabled": true, "spotShare": nope, "riskAppetite": 1}""");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed");
        AssertNames(problem, "spotShare");
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Every_post_route_refuses_malformed_json_with_problem_details_and_changes_nothing()
    {
        using var client = factory.Authorized();
        var before = await WorldAsync();
        var routes = PostRoutes();
        Assert.True(routes.Count >= 13, $"found {routes.Count} POST routes");

        foreach (var (path, _) in routes)
        {
            foreach (var malformed in new[] { """{"x": """, "not json", """{"instId": "BTC-USDT-SWAP",}""", "[1, 2" })
            {
                using var response = await PostAsync(client, path, malformed);
                var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, $"{path} {malformed}");
                Assert.Single(problem.GetProperty("errors").EnumerateObject());
            }
        }

        Assert.Equal(before, await WorldAsync());
    }

    [Fact]
    public async Task Every_post_route_refuses_a_body_not_sent_as_json_with_415_problem_details_and_changes_nothing()
    {
        using var client = factory.Authorized();
        var before = await WorldAsync();

        foreach (var (path, _) in PostRoutes())
        {
            using var plain = await PostAsync(client, path, "{}", "text/plain");
            await ProblemAsync(plain, HttpStatusCode.UnsupportedMediaType, $"{path} text/plain");
            using var none = await PostAsync(client, path, "{}", contentType: null);
            await ProblemAsync(none, HttpStatusCode.UnsupportedMediaType, $"{path} without a content type");
        }

        Assert.Equal(before, await WorldAsync());
    }

    [Fact]
    public async Task Every_post_route_that_takes_a_body_refuses_an_empty_one_naming_the_body()
    {
        using var client = factory.Authorized();
        var before = await WorldAsync();

        foreach (var (path, _) in PostRoutes().Where(r => r.TakesBody))
        {
            using var response = await client.PostAsync(path, null);
            AssertNames(await ProblemAsync(response, HttpStatusCode.BadRequest, $"{path} empty"), "body");
        }

        Assert.Equal(before, await WorldAsync());
    }

    [Theory]
    [InlineData("/api/mastermind/intervention", """{"enabled": "yes"}""", "enabled")]
    [InlineData("/api/mastermind/intervention", """{"enabled": true, "spotShare": "half", "riskAppetite": 1, "reason": "x"}""", "spotShare")]
    [InlineData("/api/mastermind/intervention", """{"enabled": false, "reason": 42}""", "reason")]
    [InlineData("/api/recovery/decide", """{"itemId": 5, "choice": "align-ledger"}""", "itemId")]
    [InlineData("/api/orphans/orph-1/adopt", """{"agentId": "three"}""", "agentId")]
    [InlineData("/api/sim/manual-order", """{"instId": "BTC-USDT-SWAP", "side": "buy", "posSide": "long", "sz": "lots"}""", "sz")]
    [InlineData("/api/sim/close-position", """{"instId": ["BTC-USDT-SWAP"], "posSide": "long"}""", "instId")]
    [InlineData("/api/sim/liquidate", """{"instId": "BTC-USDT-SWAP", "posSide": true}""", "posSide")]
    [InlineData("/api/sim/faults", """{"kind": "timeout", "requests": 1.5}""", "requests")]
    [InlineData("/api/sim/faults", """{"kind": "partialFill", "fillRatio": {}}""", "fillRatio")]
    public async Task Wrong_types_get_problem_details_naming_the_field(string path, string body, string field)
    {
        using var client = factory.Authorized();
        var before = await WorldAsync();

        using var response = await PostAsync(client, path, body);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, path);
        AssertNames(problem, field);
        Assert.StartsWith($"{field} must be", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await WorldAsync());
    }

    [Theory]
    [InlineData("/api/sim/manual-order", """{"instId": "BTC-USDT-SWAP", "side": "buy", "posSide": "long", "sz": 1e40}""", "sz")]
    [InlineData("/api/sim/manual-order", """{"instId": "BTC-USDT-SWAP", "side": "buy", "posSide": "long", "sz": 79228162514264337593543950336}""", "sz")]
    [InlineData("/api/sim/manual-order", """{"instId": "BTC-USDT-SWAP", "side": "buy", "posSide": "long", "sz": 79228162514264337593543950335}""", "sz")]
    [InlineData("/api/sim/manual-order", """{"instId": "BTC-USDT", "side": "buy", "posSide": "long", "sz": 1000000000.1}""", "sz")]
    [InlineData("/api/sim/faults", """{"kind": "timeout", "requests": 1e12}""", "requests")]
    [InlineData("/api/sim/faults", """{"kind": "timeout", "requests": 99999}""", "requests")]
    [InlineData("/api/sim/faults", """{"kind": "partialFill", "fillRatio": -1e29}""", "fillRatio")]
    [InlineData("/api/mastermind/intervention", """{"enabled": true, "spotShare": 1e30, "riskAppetite": 1, "reason": "x"}""", "spotShare")]
    [InlineData("/api/orphans/orph-1/adopt", """{"agentId": 99999999999}""", "agentId")]
    public async Task Overflowing_numbers_get_problem_details_naming_the_field(string path, string body, string field)
    {
        using var client = factory.Authorized();
        var before = await WorldAsync();

        using var response = await PostAsync(client, path, body);

        AssertNames(await ProblemAsync(response, HttpStatusCode.BadRequest, path), field);
        Assert.Equal(before, await WorldAsync());
    }

    [Theory]
    [InlineData("/api/mastermind/intervention", """{"enabled": false, "reason": "REASON"}""", "reason")]
    [InlineData("/api/recovery/decide", """{"itemId": "REASON", "choice": "align-ledger"}""", "itemId")]
    [InlineData("/api/recovery/decide", """{"itemId": "r1", "choice": "REASON"}""", "choice")]
    public async Task A_reason_over_500_characters_is_refused(string path, string template, string field)
    {
        using var client = factory.Authorized();
        var before = await WorldAsync();

        using var response = await PostAsync(client, path, template.Replace("REASON", new string('r', 501)));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, path);
        AssertNames(problem, field);
        Assert.Contains("at most 500 characters", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await WorldAsync());
    }

    [Fact]
    public async Task An_orphan_id_over_500_characters_is_refused_naming_it()
    {
        using var client = factory.Authorized();
        var before = await WorldAsync();

        foreach (var action in new[] { "close", "dismiss" })
        {
            using var response = await client.PostAsync($"/api/orphans/{new string('o', 501)}/{action}", null);
            AssertNames(await ProblemAsync(response, HttpStatusCode.BadRequest, action), "id");
        }

        Assert.Equal(before, await WorldAsync());
    }

    [Fact]
    public async Task A_reason_of_500_characters_is_taken()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        using var response = await PostAsync(client, "/api/mastermind/intervention", $$"""{"enabled": false, "reason": "{{new string('r', 500)}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_64_KB_is_refused_with_413_problem_details_and_changes_nothing()
    {
        using var client = factory.Authorized();
        var before = await WorldAsync();
        var padding = new string('p', 70 * 1024);

        foreach (var (path, _) in PostRoutes())
        {
            using var response = await PostAsync(client, path, $$"""{"reason": "{{padding}}"}""");
            Assert.Contains("64 KB", (await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, path)).GetProperty("detail").GetString());
        }

        Assert.Equal(before, await WorldAsync());
    }

    [Fact]
    public async Task A_refusal_is_problem_details_that_keeps_the_error_field()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        using var confirm = await client.PostAsync("/api/recovery/confirm", null);

        var problem = await ProblemAsync(confirm, HttpStatusCode.Conflict, "confirm while running");
        Assert.Contains("nothing to confirm", problem.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Unknown_routes_methods_and_unparsable_query_values_get_problem_details()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        await ProblemAsync(await client.GetAsync("/api/no-such-route"), HttpStatusCode.NotFound, "unknown route");
        await ProblemAsync(await client.DeleteAsync("/api/status"), HttpStatusCode.MethodNotAllowed, "DELETE /api/status");
        AssertNames(await ProblemAsync(await client.GetAsync("/api/trades?take=abc"), HttpStatusCode.BadRequest, "take=abc"), "take");
        AssertNames(await ProblemAsync(await client.GetAsync("/api/trades?take=0"), HttpStatusCode.BadRequest, "take=0"), "take");
    }

    [Fact]
    public async Task A_request_without_the_token_gets_401_problem_details_before_its_body_is_looked_at()
    {
        using var anonymous = factory.CreateClient();

        using var response = await PostAsync(anonymous, "/api/trading/pause", new string('x', 70 * 1024));

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "anonymous");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_bodyless_route_still_takes_no_body_or_well_formed_json()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/trading/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/api/trading/resume", "{}")).StatusCode);
    }
}
