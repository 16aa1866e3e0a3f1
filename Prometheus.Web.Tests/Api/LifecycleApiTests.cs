using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Prometheus.Web.Tests.Api;

/// <summary>GET /api/births and /api/deaths: the stored lifecycle through the history port, oldest first; a malformed query names its field.</summary>
public sealed class LifecycleApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("births", "from=yesterday", "from")]
    [InlineData("deaths", "to=2026-13-45", "to")]
    [InlineData("births", "take=0", "take")]
    [InlineData("deaths", "take=1001", "take")]
    [InlineData("deaths", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    public async Task A_malformed_query_is_a_bad_request_naming_the_field(string route, string query, string field)
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        using var response = await client.GetAsync($"/api/{route}?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).ToString());
    }

    [Fact]
    public async Task The_founders_births_are_stored_and_every_born_agent_is_known_to_the_engine()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement births;
        while ((births = await client.GetFromJsonAsync<JsonElement>("/api/births?take=1000")).GetArrayLength() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no birth stored in 60 s");
            await Task.Delay(100);
        }
        var at = births.EnumerateArray().Select(b => b.GetProperty("bornAt").GetDateTimeOffset()).ToList();
        Assert.Equal(at.Order(), at);
        foreach (var birth in births.EnumerateArray())
        {
            // The read model is published after the cycle that stored the birth: it may trail the store by one publication.
            var id = birth.GetProperty("agentId").GetInt32();
            HttpStatusCode status;
            while ((status = await StatusAsync(client, $"/api/agents/{id}")) == HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.True(status == HttpStatusCode.OK, $"agent {id}, born, answers {status}");
            Assert.False(string.IsNullOrEmpty(birth.GetProperty("instId").GetString()));
        }
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/births?take=1")).GetArrayLength());

        var deaths = await client.GetFromJsonAsync<JsonElement>("/api/deaths");
        Assert.Equal(JsonValueKind.Array, deaths.ValueKind);
        Assert.All(deaths.EnumerateArray(), d => Assert.True(d.GetProperty("diedAt").GetDateTimeOffset() >= d.GetProperty("bornAt").GetDateTimeOffset()));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }
}
