using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Prometheus.Web.Tests.Observability;

/// <summary>
/// A webhook receiver and a Telegram Bot API stand-in on a loopback port (Kestrel): POST /hook records the JSON and
/// answers 204; POST /bot{token}/sendMessage records the path and JSON and answers {"ok": true}; POST /hung never
/// answers (until the server stops).
/// </summary>
public sealed class FakeAlertServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();

    public ConcurrentQueue<JsonElement> Webhook { get; } = new();
    public ConcurrentQueue<(string Path, JsonElement Body)> Telegram { get; } = new();
    public int HungRequests => _hung;
    private int _hung;

    private FakeAlertServer(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public static async Task<FakeAlertServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeAlertServer(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            server.Webhook.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(request.Body));
            return Results.NoContent();
        });
        app.MapPost("/{bot}/sendMessage", async (string bot, HttpRequest request) =>
        {
            server.Telegram.Enqueue(($"/{bot}/sendMessage", await JsonSerializer.DeserializeAsync<JsonElement>(request.Body)));
            return Results.Json(new { ok = true, result = new { message_id = server.Telegram.Count } });
        });
        app.MapPost("/hung", async (HttpContext context) =>
        {
            Interlocked.Increment(ref server._hung);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, server._stopping.Token);
            await Task.Delay(Timeout.InfiniteTimeSpan, both.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
