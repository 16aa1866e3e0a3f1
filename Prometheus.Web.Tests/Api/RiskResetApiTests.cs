using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Risk;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Tests.Api;

/// <summary>
/// POST /api/risk/reset {"reason"}: signed in, a reason required (at most 500 characters), the drawdown circuit breaker
/// cleared, and every attempt in the audit log with who, when and why.
/// </summary>
public sealed class RiskResetApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>A drawdown past the breaker, as the risk limits see it: the book's equity fed to them at 40% of itself.</summary>
    private static Task TripAsync(EngineRuntime runtime) =>
        runtime.Loop!.QueryAsync(s => s.SystemRisk.Observe(s.NowMs, s.Equity * 0.4m));

    private static Task<HttpResponseMessage> ResetAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/risk/reset", body);

    private List<Prometheus.Engine.Persistence.Rows.AuditRow> Audit()
    {
        using var reader = StoreReader.Open(factory.DataDir);
        return reader.Audit(0, 100).Where(a => a.Action == "risk-reset").ToList();
    }

    [Fact]
    public async Task A_reset_needs_the_token()
    {
        await factory.StartedAsync();
        using var anonymous = factory.CreateClient();
        using var response = await ResetAsync(anonymous, new { reason = "because" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData(501)]
    public async Task A_reset_without_a_reason_or_with_one_over_500_characters_is_refused(object? reason)
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        using var response = await ResetAsync(client, new { reason = reason is int length ? new string('x', length) : (string?)reason });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reason is required, at most 500 characters", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Breaker_reset_is_audited()
    {
        var runtime = await factory.StartedAsync();
        using var client = factory.Authorized();
        await TripAsync(runtime);
        Assert.True(await runtime.Loop!.QueryAsync(s => s.SystemRisk.DrawdownBreakerTripped));
        var reason = "drawdown reviewed: a bad fill, not the market ";
        reason += new string('.', 500 - reason.Length); // the longest reason taken
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var response = await ResetAsync(client, new { reason });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(state.GetProperty("breakerTripped").GetBoolean());
        Assert.Equal(nameof(TradingState.Active), state.GetProperty("tradingState").GetString());
        Assert.StartsWith("reset by admin@", state.GetProperty("reason").GetString());
        Assert.False(await runtime.Loop.QueryAsync(s => s.SystemRisk.DrawdownBreakerTripped));
        var entry = Audit().First();
        Assert.StartsWith("admin@", entry.Actor); // who
        Assert.True(DateTimeOffset.FromUnixTimeMilliseconds(entry.RecordedAtMs) >= before); // when
        Assert.Contains("Halted, breaker tripped (drawdown", entry.Detail);
        Assert.EndsWith($"-> Active; reason: {reason}", entry.Detail); // why
        // And through the audit route, as scripts read it.
        var audit = await client.GetFromJsonAsync<JsonElement>("/api/audit?take=5");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "risk-reset" && a.GetProperty("detail").GetString()!.Contains(reason));
    }

    [Fact]
    public async Task A_reset_with_nothing_to_reset_is_refused_with_409_and_audited()
    {
        var runtime = await factory.StartedAsync();
        Assert.False(await runtime.Loop!.QueryAsync(s => s.SystemRisk.DrawdownBreakerTripped));
        using var client = factory.Authorized();

        using var response = await ResetAsync(client, new { reason = "just in case" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("nothing to reset", await response.Content.ReadAsStringAsync());
        Assert.Contains(Audit(), a => a.Detail.StartsWith("refused in Active: there is nothing to reset", StringComparison.Ordinal)
            && a.Detail.EndsWith("; reason: just in case", StringComparison.Ordinal));
    }
}
