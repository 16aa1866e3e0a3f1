using System.Net.Http.Json;
using System.Text.Json;

namespace Prometheus.Web.Tests.Api;

/// <summary>GET /api/trades: fills read as on the exchange (buy/sell with long/short), and a closing fill says why it closed.</summary>
public sealed class FillApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] ExitReasons =
        ["signal", "stopLoss", "takeProfit", "maxHoldingTime", "emergencyClose", "liquidation", "outside", "death"];

    private async Task<List<JsonElement>> FillsAsync()
    {
        using var client = factory.Authorized();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/trades?take=1000");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task Fills_read_buy_or_sell_with_long_or_short_and_only_closing_fills_carry_an_exit_reason()
    {
        await factory.StartedAsync();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        List<JsonElement> fills;
        while (!(fills = await FillsAsync()).Any(f => f.GetProperty("exitReason").ValueKind == JsonValueKind.String))
        {
            Assert.True(DateTime.UtcNow < deadline, "no closing fill in 90 s");
            await Task.Delay(200);
        }

        foreach (var fill in fills)
        {
            var action = fill.GetProperty("action").GetString();
            var (side, posSide) = action switch
            {
                "buy" or "add" => ("buy", "long"),
                "sell" => ("sell", "long"),
                "short" or "add_short" => ("sell", "short"),
                "cover" => ("buy", "short"),
                _ => throw new Xunit.Sdk.XunitException($"unknown action {action}"),
            };
            Assert.Equal(side, fill.GetProperty("side").GetString());
            Assert.Equal(posSide, fill.GetProperty("posSide").GetString());
            var exitReason = fill.GetProperty("exitReason");
            if (action is "sell" or "cover")
                Assert.Contains(exitReason.GetString(), ExitReasons);
            else
                Assert.Equal(JsonValueKind.Null, exitReason.ValueKind);
            foreach (var field in new[] { "tradeId", "agentId", "instId", "amount", "price", "fee", "ordId", "clOrdId", "exchangeTradeId", "timestampMs", "confidence", "realizedPnl", "origin" })
                Assert.True(fill.TryGetProperty(field, out _), $"a fill has {field}");
        }
    }
}
