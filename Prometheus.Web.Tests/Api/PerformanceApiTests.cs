using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Prometheus.Web.Tests.Api;

/// <summary>GET /api/summary and /api/profit: the run's PnL after fees and funding, by calendar period from the stored curve.</summary>
public sealed class PerformanceApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<JsonElement> GetAsync(string path)
    {
        using var client = factory.Authorized();
        return await client.GetFromJsonAsync<JsonElement>(path);
    }

    private async Task TradedAsync()
    {
        await factory.StartedAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await GetAsync("/api/equity")).GetArrayLength() < 4 || (await GetAsync("/api/status")).GetProperty("trades").GetInt32() < 10)
        {
            Assert.True(DateTime.UtcNow < deadline, "no trading within 60 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_summary_s_total_pnl_is_realised_plus_unrealised_less_fees_and_funding()
    {
        await TradedAsync();
        var summary = await GetAsync("/api/summary");

        var total = summary.GetProperty("totalPnl").GetDecimal();
        var parts = summary.GetProperty("realizedPnl").GetDecimal() + summary.GetProperty("unrealizedPnl").GetDecimal()
            - summary.GetProperty("feesPaid").GetDecimal() - summary.GetProperty("fundingPaid").GetDecimal();
        Assert.Equal(decimal.Round(total, 8), decimal.Round(parts, 8));
        Assert.Equal(decimal.Round(total / 100_000m, 12), decimal.Round(summary.GetProperty("totalReturn").GetDecimal(), 12));
        Assert.True(summary.GetProperty("feesPaid").GetDecimal() > 0m);
        Assert.InRange(summary.GetProperty("maxDrawdown").GetDecimal(), 0m, 1m);
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("buyHoldReturn").ValueKind);
        // The default paper run trades BTC, ETH and SOL: holding the three in equal parts is measured beside BTC alone.
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("basketHoldReturn").ValueKind);
        Assert.Equal(["BTC", "ETH", "SOL"], summary.GetProperty("basketCoins").EnumerateArray().Select(c => c.GetString()));
        Assert.True(summary.GetProperty("since").GetDateTimeOffset() <= (await GetAsync("/api/status")).GetProperty("marketTime").GetDateTimeOffset());
        foreach (var period in new[] { "today", "week", "month" })
        {
            Assert.True(summary.GetProperty(period).TryGetProperty("pnl", out _), $"{period} has pnl");
            Assert.True(summary.GetProperty(period).TryGetProperty("return", out _), $"{period} has return");
        }
    }

    [Theory]
    [InlineData("day")]
    [InlineData("week")]
    [InlineData("month")]
    public async Task Profit_rows_start_on_their_period_s_boundary_in_order_and_count_every_fill(string period)
    {
        await TradedAsync();
        var rows = (await GetAsync($"/api/profit?period={period}")).EnumerateArray().ToList();

        Assert.NotEmpty(rows);
        var starts = rows.Select(r => r.GetProperty("start").GetDateTimeOffset().UtcDateTime).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.All(starts, s => Assert.Equal(TimeSpan.Zero, s.TimeOfDay));
        if (period == "week") Assert.All(starts, s => Assert.Equal(DayOfWeek.Monday, s.DayOfWeek));
        if (period == "month") Assert.All(starts, s => Assert.Equal(1, s.Day));
        Assert.True(rows.Sum(r => r.GetProperty("trades").GetInt32()) > 0);
    }

    [Fact]
    public async Task An_unknown_period_is_a_bad_request_naming_the_field()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        using var response = await client.GetAsync("/api/profit?period=year");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("period", await response.Content.ReadAsStringAsync());
    }
}
