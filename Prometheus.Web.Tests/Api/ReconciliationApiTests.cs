using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Prometheus.Web.Tests.Api;

/// <summary>Outside events through /api/sim, orphans and decisions through the API: the happy paths and the clear refusals.</summary>
public sealed class ReconciliationApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, string path, object? body = null)
    {
        using var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path) =>
        await (await client.GetAsync(path)).Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_manual_order_becomes_an_orphan_that_a_person_adopts_or_dismisses_once()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        var (status, manual) = await SendAsync(client, "/api/sim/manual-order", new { instId = "BTC-USDT-SWAP", side = "buy", posSide = "long", sz = 1 });
        Assert.Equal(HttpStatusCode.OK, status);
        var ordId = manual.GetProperty("ordId").GetString();
        JsonElement orphan = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await GetAsync(client, "/api/orphans")).EnumerateArray().Any(o => (orphan = o).GetProperty("ordId").GetString() == ordId))
        {
            Assert.True(DateTime.UtcNow < deadline, "the orphan was not recorded in 30 s");
            await Task.Delay(50);
        }
        foreach (var field in new[] { "id", "instId", "posSide", "side", "sz", "avgPx", "ordId", "clOrdId", "ts", "status" })
            Assert.True(orphan.TryGetProperty(field, out _), $"orphan has {field}");
        Assert.Equal(("buy", "long", 1m, "Open"), (orphan.GetProperty("side").GetString(), orphan.GetProperty("posSide").GetString(),
            orphan.GetProperty("sz").GetDecimal(), orphan.GetProperty("status").GetString()));
        var id = Uri.EscapeDataString(orphan.GetProperty("id").GetString()!);

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, $"/api/orphans/{id}/adopt", new { })).Status);
        var (spotStatus, spotError) = await SendAsync(client, $"/api/orphans/{id}/adopt", new { agentId = 99999 });
        Assert.Equal(HttpStatusCode.Conflict, spotStatus);
        Assert.Contains("not a living agent", spotError.GetProperty("error").GetString());

        var (dismissed, body) = await SendAsync(client, $"/api/orphans/{id}/dismiss");
        Assert.Equal(HttpStatusCode.OK, dismissed);
        Assert.Equal("Dismissed", body.GetProperty("status").GetString());
        var (again, error) = await SendAsync(client, $"/api/orphans/{id}/dismiss");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("dismissed already", error.GetProperty("error").GetString());
        var (unknown, _) = await SendAsync(client, "/api/orphans/orphan%3Anope/close");
        Assert.Equal(HttpStatusCode.Conflict, unknown);
    }

    [Fact]
    public async Task Sim_requests_are_checked_and_faults_are_set_read_and_cleared()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        var (badSide, error) = await SendAsync(client, "/api/sim/manual-order", new { instId = "BTC-USDT-SWAP", side = "up", posSide = "long", sz = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, badSide);
        Assert.Contains("side must be buy or sell", error.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, "/api/sim/manual-order", new { instId = "ETH-USDT", side = "buy", posSide = "long", sz = 1 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, "/api/sim/manual-order", new { instId = "BTC-USDT-SWAP", side = "buy", posSide = "long", sz = 0 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, "/api/sim/faults", new { kind = "meteor", requests = 1 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, "/api/sim/faults", new { kind = "partialFill", requests = 1, fillRatio = 1.5 })).Status);

        var (set, fault) = await SendAsync(client, "/api/sim/faults", new { kind = "reject", requests = 1000 });
        Assert.Equal(HttpStatusCode.OK, set);
        Assert.Equal("Reject", fault.GetProperty("kind").GetString());
        var read = await GetAsync(client, "/api/sim/faults");
        Assert.Equal("Reject", read.GetProperty("kind").GetString());
        using var cleared = await client.DeleteAsync("/api/sim/faults");
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").ValueKind);
    }

    [Fact]
    public async Task A_decision_on_nothing_blocked_is_refused_with_a_reason()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, "/api/recovery/decide", new { itemId = "x" })).Status);
        var (status, body) = await SendAsync(client, "/api/recovery/decide", new { itemId = "direction:BTC-USDT-SWAP", choice = "align-ledger" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("there is no item", body.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Array, (await GetAsync(client, "/api/recovery/blocks")).ValueKind);
    }

    [Fact]
    public async Task A_person_takes_over_the_allocation_with_a_reason_and_hands_it_back()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, "/api/mastermind/intervention", new { enabled = true, reason = "x" })).Status);
        var (noReason, error) = await SendAsync(client, "/api/mastermind/intervention", new { enabled = true, spotShare = 0.3, riskAppetite = 0.5 });
        Assert.Equal(HttpStatusCode.Conflict, noReason);
        Assert.Contains("a reason is required", error.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, "/api/mastermind/intervention", new { enabled = true, spotShare = 0.3, riskAppetite = 9, reason = "x" })).Status);

        var (ok, _) = await SendAsync(client, "/api/mastermind/intervention", new { enabled = true, spotShare = 0.3, riskAppetite = 0.5, reason = "news tomorrow" });
        Assert.Equal(HttpStatusCode.OK, ok);
        var mastermind = await GetAsync(client, "/api/mastermind");
        Assert.True(mastermind.GetProperty("interventionMode").GetBoolean());
        Assert.Equal(0.3m, mastermind.GetProperty("spotShareTarget").GetDecimal());
        Assert.Equal(0.5m, mastermind.GetProperty("riskAppetite").GetDecimal());
        Assert.Contains(mastermind.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("kind").GetString() == "intervention"
            && d.GetProperty("reason").GetString()!.Contains("news tomorrow"));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "/api/mastermind/intervention", new { enabled = false, reason = "done" })).Status);
        Assert.False((await GetAsync(client, "/api/mastermind")).GetProperty("interventionMode").GetBoolean());
        var audit = await GetAsync(client, "/api/audit");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "intervention");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "intervention-ended");
    }
}
