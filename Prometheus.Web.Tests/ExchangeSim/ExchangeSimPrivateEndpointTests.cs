using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// exchange-sim decides what is private from the endpoint a request reaches, not from how its path is spelled: every
/// spelling that routes to an /account or /trade endpoint needs OKX's signature and counts against that endpoint's
/// rate limit.
/// </summary>
public sealed class ExchangeSimPrivateEndpointTests : SimServerTests
{
    private SimRawClient Client => _client ??= new SimRawClient(Kit.BaseUrl);
    private SimRawClient? _client;

    private const string Order = """{"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"evil1"}""";

    [Fact]
    public async Task A_case_variant_unsigned_order_is_refused_and_nothing_changes()
    {
        var before = await SimStateCheck.SnapshotAsync(Client);

        var (status, body) = await SimRawHttp.SendAsync(Kit.BaseUrl, "POST", "/api/v5/Trade/order", Order);

        Assert.Equal((401, "50103"), (status, (string?)body!["code"]));
        Assert.Equal(before, await SimStateCheck.SnapshotAsync(Client));
    }

    [Fact]
    public async Task Every_private_endpoint_refuses_unsigned_spellings_of_its_path_and_nothing_changes()
    {
        var endpoints = Kit.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText!, Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Route.StartsWith("/api/v5/", StringComparison.OrdinalIgnoreCase))
            .ToList();
        // OKX's rule, independent of how exchange-sim marks them: /account and /trade are private.
        var privateOnes = endpoints.Where(e => e.Route.Split('/')[3] is "account" or "trade").ToList();
        Assert.Contains(privateOnes, e => e.Route == "/api/v5/trade/order" && e.Methods.Contains("POST"));
        Assert.Contains(privateOnes, e => e.Route == "/api/v5/account/bills");
        var before = await SimStateCheck.SnapshotAsync(Client);

        var answers = new List<(string Method, string Target, int Status, string? Code)>();
        foreach (var (route, methods) in privateOnes)
        {
            foreach (var method in methods)
            {
                foreach (var target in Spellings(route))
                {
                    var (status, body) = await SimRawHttp.SendAsync(Kit.BaseUrl, method, target, method == "POST" ? Order : "");
                    answers.Add((method, target, status, (string?)body?["code"]));
                }
                await Task.Delay(50);
            }
        }

        // Refused every time: unauthenticated (401), not routed (404), or throttled (429) first; never answered.
        Assert.All(answers, a => Assert.True(a.Status is 401 or 404 or 429 && a.Code != "0", $"{a.Method} {a.Target}: {a.Status} {a.Code}"));
        // The spellings that route reach the signature check: case, trailing slash, percent-encoding.
        foreach (var target in (string[])["/API/V5/TRADE/ORDER", "/api/v5/Trade/order", "/api/v5/trade/order/", "/api/v5/trade/%6Frder", "/api/v5/%74rade/order"])
            Assert.Contains(answers, a => a.Method == "POST" && a.Target == target && a.Status == 401);
        Assert.Equal(before, await SimStateCheck.SnapshotAsync(Client));
    }

    [Fact]
    public async Task Public_endpoints_answer_without_a_signature()
    {
        var (status, body) = await SimRawHttp.SendAsync(Kit.BaseUrl, "GET", "/api/v5/Public/time");

        Assert.Equal((200, "0"), (status, (string?)body!["code"]));
    }

    [Fact]
    public async Task A_signed_request_under_another_spelling_is_accepted_and_counts_against_the_same_rate_limit()
    {
        using var client = new SimRawClient(Kit.BaseUrl);
        var codes = new List<string?>();
        // OKX: account/config takes 5 requests per 2 seconds, however its path is spelled.
        foreach (var path in (string[])["/api/v5/account/config", "/api/v5/Account/config", "/api/v5/account/CONFIG", "/api/v5/account/config/",
                     "/API/v5/account/config", "/api/v5/ACCOUNT/config", "/api/v5/account/Config"])
            codes.Add((string?)(await client.GetAsync(path)).Body["code"]);

        Assert.Equal(["0", "0", "0", "0", "0"], codes.Take(5));
        Assert.Contains("50011", codes.Skip(5));
    }

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Ways to spell <paramref name="route"/> that a client might hope the server reads as another path.</summary>
    private static IEnumerable<string> Spellings(string route)
    {
        var segments = route.Split('/');   // "", "api", "v5", "trade", "order"
        yield return route.ToUpperInvariant();
        yield return string.Join('/', segments[..3]) + "/" + char.ToUpperInvariant(segments[3][0]) + segments[3][1..] + "/" + string.Join('/', segments[4..]);
        yield return route + "/";
        yield return route + "//";
        yield return route.Replace("/v5/", "/v5//", StringComparison.Ordinal);
        yield return "/" + route;
        yield return string.Join('/', segments[..4]) + "/%" + ((int)segments[4][0]).ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + segments[4][1..];
        yield return string.Join('/', segments[..3]) + "/%" + ((int)segments[3][0]).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + segments[3][1..] + "/" + string.Join('/', segments[4..]);
        yield return route.Replace("/v5/", "/v5/./", StringComparison.Ordinal);
        yield return route.Replace("/v5/", "/v5/x/../", StringComparison.Ordinal);
        yield return route.Replace("/v5/", "/v5%2F", StringComparison.Ordinal);
    }
}
