using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Prometheus.Web.Tests.Api;

/// <summary>The JSON API on the real host: the token guards every route, reads answer with their contract fields, controls move the engine.</summary>
public sealed class ApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var client = factory.Authorized();
        using var response = await client.GetAsync(path);
        return await Json(response);
    }

    private async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 60 s");
            await Task.Delay(50);
        }
    }

    [Theory]
    [InlineData("GET", "/api/status")]
    [InlineData("GET", "/api/agents")]
    [InlineData("GET", "/api/agents/1")]
    [InlineData("GET", "/api/valhalla")]
    [InlineData("GET", "/api/trades")]
    [InlineData("GET", "/api/recovery")]
    [InlineData("GET", "/api/ledger/verify")]
    [InlineData("GET", "/api/audit")]
    [InlineData("GET", "/api/alerts")]
    [InlineData("GET", "/api/reports")]
    [InlineData("GET", "/api/reports/any.json")]
    [InlineData("POST", "/api/backtests")]
    [InlineData("GET", "/api/backtests/current")]
    [InlineData("POST", "/api/recovery/confirm")]
    [InlineData("POST", "/api/trading/pause")]
    [InlineData("POST", "/api/trading/resume")]
    [InlineData("POST", "/api/trading/close-all")]
    public async Task Every_route_refuses_a_request_without_the_token_or_with_a_wrong_one(string method, string path)
    {
        using var anonymous = factory.CreateClient();
        using var none = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        using var wrong = new HttpRequestMessage(new HttpMethod(method), path);
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiFactory.Token + "x");
        using var refused = await anonymous.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Healthz_needs_no_token()
    {
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Status_agents_trades_and_valhalla_answer_with_their_contract_fields()
    {
        await factory.StartedAsync();
        await UntilAsync(async () => (await GetAsync("/api/status")).GetProperty("trades").GetInt32() > 5);

        var status = await GetAsync("/api/status");
        foreach (var field in new[] { "state", "cycle", "equity", "agentsAlive", "agentsDead", "regime", "trades", "lastCheckpointAt", "mode" })
            Assert.True(status.TryGetProperty(field, out _), $"status has {field}");
        Assert.Equal("paper", status.GetProperty("mode").GetString());

        var agents = await GetAsync("/api/agents");
        Assert.True(agents.GetArrayLength() >= 1);
        var first = agents[0];
        foreach (var field in new[] { "id", "state", "capital", "pnl", "winRate", "trades", "rank", "fitness", "genome", "positions" })
            Assert.True(first.TryGetProperty(field, out _), $"agent has {field}");
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal(Prometheus.Engine.Agents.Genome.Genes.Count, first.GetProperty("genome").EnumerateObject().Count());

        var detail = await GetAsync($"/api/agents/{first.GetProperty("id").GetInt32()}");
        Assert.Equal(first.GetProperty("id").GetInt32(), detail.GetProperty("agent").GetProperty("id").GetInt32());
        Assert.True(detail.TryGetProperty("emotions", out _));
        Assert.True(detail.TryGetProperty("medals", out _));
        Assert.True(detail.TryGetProperty("fundingPaid", out _));

        var page = await GetAsync("/api/trades?skip=0&take=3");
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
        var newest = page.GetProperty("items")[0].GetProperty("tradeId").GetInt64();
        var older = page.GetProperty("items")[1].GetProperty("tradeId").GetInt64();
        Assert.True(newest > older, "newest first");

        var valhalla = await GetAsync("/api/valhalla");
        Assert.True(valhalla.TryGetProperty("heroes", out _) && valhalla.TryGetProperty("fallen", out _));

        var verify = await GetAsync("/api/ledger/verify");
        foreach (var field in new[] { "consistent", "publicRecords", "privateRecords", "exchangeFills", "duplicates", "missing", "fundingRecords" })
            Assert.True(verify.TryGetProperty(field, out _), $"verify has {field}");
        Assert.True(verify.GetProperty("consistent").GetBoolean(), verify.ToString());

        var recovery = await GetAsync("/api/recovery");
        Assert.True(recovery.GetProperty("freshStart").GetBoolean());
    }

    [Fact]
    public async Task Bad_paging_and_unknown_agents_get_clear_errors()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        using var tooMany = await client.GetAsync("/api/trades?take=100000");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("take", (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        using var unknown = await client.GetAsync("/api/agents/99999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Pause_resume_and_close_all_move_the_engine_and_are_audited()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        var paused = await Json(await client.PostAsync("/api/trading/pause", null));
        Assert.Equal("Paused", paused.GetProperty("state").GetString());
        var trades = (await GetAsync("/api/status")).GetProperty("trades").GetInt32();
        await Task.Delay(300);
        Assert.Equal(trades, (await GetAsync("/api/status")).GetProperty("trades").GetInt32());

        using var confirm = await client.PostAsync("/api/recovery/confirm", null);
        Assert.Equal(HttpStatusCode.Conflict, confirm.StatusCode);

        var resumed = await Json(await client.PostAsync("/api/trading/resume", null));
        Assert.Equal("Running", resumed.GetProperty("state").GetString());

        await UntilAsync(async () => (await GetAsync("/api/agents")).EnumerateArray().Any(a => a.GetProperty("positions").GetArrayLength() > 0));
        var closed = await Json(await client.PostAsync("/api/trading/close-all", null));
        Assert.Equal("Paused", closed.GetProperty("state").GetString());
        Assert.All((await GetAsync("/api/agents")).EnumerateArray(), a => Assert.Equal(0, a.GetProperty("positions").GetArrayLength()));
        await Json(await client.PostAsync("/api/trading/resume", null));

        var audit = await GetAsync("/api/audit");
        var actions = audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("pause", actions);
        Assert.Contains("resume", actions);
        Assert.Contains("close-all", actions);
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "confirm" && a.GetProperty("detail").GetString()!.StartsWith("refused"));
    }
}
