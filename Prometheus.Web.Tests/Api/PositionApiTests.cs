using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Prometheus.Web.Tests.Api;

/// <summary>GET /api/positions and POST /api/positions/close: open positions with their exit plan; a person closing one, audited.</summary>
public sealed class PositionApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<List<JsonElement>> PositionsAsync()
    {
        using var client = factory.Authorized();
        return [.. (await client.GetFromJsonAsync<JsonElement>("/api/positions")).EnumerateArray()];
    }

    private async Task<JsonElement> AnOpenPositionWhilePausedAsync()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using (await client.PostAsync("/api/trading/pause", null)) { }
            if ((await PositionsAsync()) is [var first, ..]) return first;
            using (await client.PostAsync("/api/trading/resume", null)) { }
            Assert.True(DateTime.UtcNow < deadline, "no open position within 60 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Open_positions_carry_entry_mark_pnl_age_and_the_exit_plan_the_engine_follows()
    {
        var position = await AnOpenPositionWhilePausedAsync();

        var entry = position.GetProperty("entryPrice").GetDecimal();
        var plan = position.GetProperty("exitPlan");
        var (stop, target) = (plan.GetProperty("stopLoss").GetDecimal(), plan.GetProperty("takeProfit").GetDecimal());
        if (position.GetProperty("posSide").GetString() == "long") Assert.True(stop < entry && entry < target, position.ToString());
        else Assert.True(target < entry && entry < stop, position.ToString());
        Assert.True(plan.GetProperty("maxHoldUntil").GetDateTimeOffset() > position.GetProperty("openedAt").GetDateTimeOffset());
        Assert.True(position.GetProperty("markPrice").GetDecimal() > 0m);
        Assert.True(position.GetProperty("ageSeconds").GetDouble() >= 0);
        Assert.True(position.TryGetProperty("unrealizedPnl", out _));
    }

    [Fact]
    public async Task A_person_closes_one_position_its_fill_says_outside_and_the_close_is_audited()
    {
        var position = await AnOpenPositionWhilePausedAsync();
        var (agentId, instId, posSide) = (position.GetProperty("agentId").GetInt32(), position.GetProperty("instId").GetString(), position.GetProperty("posSide").GetString());
        using var client = factory.Authorized();

        using var closed = await client.PostAsJsonAsync("/api/positions/close", new { agentId, instId, posSide, reason = "taking it off by hand" });

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.DoesNotContain(await PositionsAsync(), p => p.GetProperty("agentId").GetInt32() == agentId
            && p.GetProperty("instId").GetString() == instId && p.GetProperty("posSide").GetString() == posSide);
        var fills = (await client.GetFromJsonAsync<JsonElement>($"/api/trades?agent={agentId}&take=1")).GetProperty("items");
        Assert.Equal("outside", fills[0].GetProperty("exitReason").GetString());
        Assert.Equal("Manual", fills[0].GetProperty("origin").GetString());
        var audit = (await client.GetFromJsonAsync<JsonElement>("/api/audit?take=20")).EnumerateArray();
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "close-position"
            && a.GetProperty("detail").GetString()!.Contains("taking it off by hand"));

        using var again = await client.PostAsJsonAsync("/api/positions/close", new { agentId, instId, posSide, reason = "twice" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Closing_a_position_that_is_not_open_answers_404_problem_details_and_is_audited_as_refused()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        using var response = await client.PostAsJsonAsync("/api/positions/close",
            new { agentId = 9999, instId = "BTC-USDT-SWAP", posSide = "short", reason = "nothing there" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("no open position agent 9999 BTC-USDT-SWAP short", problem.GetProperty("detail").GetString());
        var audit = (await client.GetFromJsonAsync<JsonElement>("/api/audit?take=50")).EnumerateArray();
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "close-position"
            && a.GetProperty("detail").GetString() == "refused, no position agent 9999 BTC-USDT-SWAP short: nothing there");
    }

    [Theory]
    [InlineData("""{"instId":"BTC-USDT-SWAP","posSide":"long","reason":"r"}""", "agentId")]
    [InlineData("""{"agentId":1,"instId":"ETH-USDT","posSide":"long","reason":"r"}""", "instId")]
    [InlineData("""{"agentId":1,"instId":"BTC-USDT-SWAP","posSide":"up","reason":"r"}""", "posSide")]
    [InlineData("""{"agentId":1,"instId":"BTC-USDT-SWAP","posSide":"long","reason":" "}""", "reason")]
    public async Task A_bad_close_request_is_refused_naming_the_field_and_closes_nothing(string body, string field)
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        var audited = await CloseAuditsAsync(client);
        using var response = await client.PostAsync("/api/positions/close", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(audited, await CloseAuditsAsync(client));
    }

    private static async Task<int> CloseAuditsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/audit?take=1000")).EnumerateArray().Count(a => a.GetProperty("action").GetString() == "close-position");
}
