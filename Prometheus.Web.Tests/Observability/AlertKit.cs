using System.Net;
using Microsoft.Extensions.Options;
using Prometheus.Web.Engine;
using Prometheus.Web.Observability;
using Prometheus.Web.Observability.Alerts;

namespace Prometheus.Web.Tests.Observability;

/// <summary>The alert pipeline put together by hand around a scripted HTTP handler: queue, history, destinations, dispatcher.</summary>
internal sealed class AlertKit
{
    public const string BotToken = "987654:bot-secret-token-for-tests";
    public const string ChatId = "-100777";

    public AlertKit(AlertOptions options, Func<HttpRequestMessage, Task<HttpResponseMessage>> answer, TimeProvider? time = null)
    {
        Options = options;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Handler = new ScriptedHandler(answer);
        var clients = new OneClientFactory(Handler);
        var runtime = new EngineRuntime();
        time ??= TimeProvider.System;
        Queue = new AlertQueue(wrapped, History, new SecretScrubber(options.Secrets()), time, new EngineMetrics(runtime, time));
        Dispatcher = new AlertDispatcher(Queue, History,
            [new WebhookDestination(clients, wrapped, runtime), new TelegramDestination(clients, wrapped, runtime)], wrapped, time, Log);
    }

    public static AlertOptions Webhook(string url = "http://127.0.0.1:9/hook/secret-path?key=hook-secret-key") => new()
    {
        Webhook = { Url = url },
        RetryBaseSeconds = 0.01,
        TimeoutSeconds = 5,
    };

    public static AlertOptions Telegram(string baseUrl = "http://127.0.0.1:9") => new()
    {
        Telegram = { BotToken = BotToken, ChatId = ChatId, BaseUrl = baseUrl },
        RetryBaseSeconds = 0.01,
        TimeoutSeconds = 5,
    };

    public AlertOptions Options { get; }
    public AlertHistory History { get; } = new();
    public AlertQueue Queue { get; }
    public AlertDispatcher Dispatcher { get; }
    public ScriptedHandler Handler { get; }
    public ListLogger<AlertDispatcher> Log { get; } = new();

    /// <summary>Raises one alert and sends it as the dispatcher would; its record after.</summary>
    public async Task<AlertRecord> SendAsync(AlertKind kind = AlertKind.BreakerTripped, string message = "drawdown 31% reached the 30% circuit breaker")
    {
        Queue.Raise(kind, message);
        Assert.True(Queue.Reader.TryRead(out var alert));
        await Dispatcher.DispatchAsync(alert, CancellationToken.None);
        return History.Recent().Single(r => r.Id == alert.Id);
    }

    public static Task<HttpResponseMessage> Status(HttpStatusCode status, string body = "{}") =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });

    internal sealed class ScriptedHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public List<(Uri Url, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests) Requests.Add((request.RequestUri!, body));
            return await answer(request);
        }
    }

    private sealed class OneClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
