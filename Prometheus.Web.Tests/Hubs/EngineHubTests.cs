using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Prometheus.Web.Hubs;
using Prometheus.Web.Tests.Api;

namespace Prometheus.Web.Tests.Hubs;

/// <summary>The real /hubs/engine through Microsoft.AspNetCore.SignalR.Client: signed in with the admin token, each payload arrives with its fields.</summary>
public sealed class EngineHubTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private HubConnection Connection(string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, EngineHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling; // the in-memory test server speaks HTTP only
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    /// <summary>Records every message of the given kinds as JSON, as a script would read it.</summary>
    private static ConcurrentDictionary<string, ConcurrentQueue<JsonElement>> Listen(HubConnection hub, params string[] kinds)
    {
        var received = new ConcurrentDictionary<string, ConcurrentQueue<JsonElement>>();
        foreach (var kind in kinds)
        {
            received[kind] = new ConcurrentQueue<JsonElement>();
            hub.On<JsonElement>(kind, payload => received[kind].Enqueue(payload));
        }
        return received;
    }

    private static async Task<JsonElement> FirstAsync(ConcurrentDictionary<string, ConcurrentQueue<JsonElement>> received, string kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!received[kind].TryPeek(out _))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {kind} message within 60 s");
            await Task.Delay(50);
        }
        received[kind].TryPeek(out var first);
        return first;
    }

    private static void AssertFields(JsonElement payload, params string[] fields)
    {
        foreach (var field in fields)
            Assert.True(payload.TryGetProperty(field, out _), $"{field} in {payload}");
    }

    [Fact]
    public async Task A_client_with_the_token_receives_status_fills_and_state_changes_with_their_fields()
    {
        await factory.StartedAsync();
        await using var hub = Connection(ApiFactory.Token);
        var received = Listen(hub, "status", "fills", "state");
        await hub.StartAsync();

        var snapshot = await hub.InvokeAsync<JsonElement>("Snapshot");
        AssertFields(snapshot, "status", "fills");

        AssertFields(await FirstAsync(received, "status"), "state", "cycle", "equity", "unrealizedPnl", "agentsAlive", "trades", "mode", "marketTime", "tradingState");
        var fills = await FirstAsync(received, "fills");
        AssertFields(fills, "items", "notShown");
        var fill = fills.GetProperty("items")[0];
        AssertFields(fill, "tradeId", "agentId", "instId", "side", "posSide", "action", "amount", "price", "fee", "clOrdId", "origin", "exitReason");
        Assert.Contains(fill.GetProperty("side").GetString(), new[] { "buy", "sell" });
        Assert.Contains(fill.GetProperty("posSide").GetString(), new[] { "long", "short" });

        using var client = factory.Authorized();
        using (await client.PostAsync("/api/trading/pause", null)) { }
        var state = await FirstAsync(received, "state");
        AssertFields(state, "state", "reason", "at");
        using (await client.PostAsync("/api/trading/resume", null)) { }
    }

    [Fact]
    public async Task A_client_without_the_token_or_with_a_wrong_one_is_refused()
    {
        await factory.StartedAsync();
        await using var anonymous = Connection(null);
        var none = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        await using var wrong = Connection(ApiFactory.Token + "x");
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => wrong.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
