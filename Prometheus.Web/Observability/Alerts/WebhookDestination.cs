using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// Prometheus:Alerts:Webhook:Url: each alert POSTed as JSON
/// <c>{"id", "kind", "message", "at", "mode"}</c>; any 2xx answer is delivered.
/// </summary>
public sealed class WebhookDestination(IHttpClientFactory clients, IOptions<AlertOptions> options, EngineRuntime runtime) : IAlertDestination
{
    public const string Name = "webhook";

    string IAlertDestination.Name => Name;

    public async Task<SendResult> SendAsync(Alert alert, CancellationToken ct)
    {
        using var http = clients.CreateClient(AlertDispatcher.HttpClientName);
        using var response = await http.PostAsJsonAsync(options.Value.Webhook.Url,
            new WebhookPayload(alert.Id, alert.Kind.ToString(), alert.Message, alert.At, runtime.Mode), ct);
        return response.IsSuccessStatusCode ? SendResult.Ok : SendResult.FromStatus(response.StatusCode, retryAfter: response.Headers.RetryAfter?.Delta);
    }

    /// <summary>The JSON body a webhook receives.</summary>
    public sealed record WebhookPayload(long Id, string Kind, string Message, DateTimeOffset At, string Mode);
}
