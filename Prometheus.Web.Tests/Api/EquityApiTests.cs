using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Prometheus.Web.Tests.Api;

/// <summary>GET /api/equity: the stored equity curve, oldest first; a malformed query is refused naming its field.</summary>
public sealed class EquityApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("agent=abc", "agent")]
    [InlineData("agent=0", "agent")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    public async Task A_malformed_query_is_a_bad_request_naming_the_field(string query, string field)
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        using var response = await client.GetAsync($"/api/equity?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(field, problem.ToString());
    }

    [Fact]
    public async Task The_population_curve_grows_in_time_order_and_a_window_keeps_only_its_points()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement curve;
        while ((curve = await client.GetFromJsonAsync<JsonElement>("/api/equity")).GetArrayLength() < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "fewer than 4 points in 60 s");
            await Task.Delay(100);
        }
        var at = curve.EnumerateArray().Select(p => p.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(at.Order(), at);
        Assert.All(curve.EnumerateArray(), p => Assert.True(p.GetProperty("equity").GetDecimal() > 0m));

        var from = Uri.EscapeDataString(at[1].ToString("O"));
        var to = Uri.EscapeDataString(at[2].ToString("O"));
        var window = await client.GetFromJsonAsync<JsonElement>($"/api/equity?from={from}&to={to}");
        Assert.Equal([at[1], at[2]], window.EnumerateArray().Select(p => p.GetProperty("at").GetDateTimeOffset()));
    }
}
