using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// Telegram's Bot API: POST {BaseUrl}/bot{BotToken}/sendMessage with <c>{"chat_id", "text"}</c>; an answer with
/// "ok": true is delivered. A 429 carries "parameters": {"retry_after": seconds}, which is honoured. The request's address
/// holds the token: the client that sends it logs nothing (AddPrometheusAlerts), and every error is scrubbed.
/// </summary>
public sealed class TelegramDestination(IHttpClientFactory clients, IOptions<AlertOptions> options, EngineRuntime runtime) : IAlertDestination
{
    public const string Name = "telegram";
    private const int MaxDetail = 200;

    string IAlertDestination.Name => Name;

    /// <summary>The text a chat shows: which system and mode, the kind, the message.</summary>
    public static string Text(Alert alert, string mode) => $"Prometheus ({mode}) · {alert.Kind}\n{alert.Message}";

    public async Task<SendResult> SendAsync(Alert alert, CancellationToken ct)
    {
        var telegram = options.Value.Telegram;
        var url = $"{telegram.BaseUrl.TrimEnd('/')}/bot{telegram.BotToken}/sendMessage";
        using var http = clients.CreateClient(AlertDispatcher.HttpClientName);
        using var response = await http.PostAsJsonAsync(url, new SendMessage(telegram.ChatId!, Text(alert, runtime.Mode)), ct);
        var answer = await ReadAnswerAsync(response, ct);
        if (response.IsSuccessStatusCode && answer?.Ok == true) return SendResult.Ok;
        if (response.IsSuccessStatusCode) return new SendResult(false, true, "the Bot API answered without \"ok\": true");
        var retryAfter = answer?.Parameters?.RetryAfter is int seconds ? TimeSpan.FromSeconds(seconds) : response.Headers.RetryAfter?.Delta;
        var detail = answer?.Description is { } d ? d[..Math.Min(d.Length, MaxDetail)] : null;
        return SendResult.FromStatus(response.StatusCode, detail, retryAfter);
    }

    private static async Task<BotAnswer?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<BotAnswer>(ct);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null; // not the Bot API's JSON: the status code says enough
        }
    }

    public sealed record SendMessage([property: JsonPropertyName("chat_id")] string ChatId, [property: JsonPropertyName("text")] string Text);

    private sealed record BotAnswer(
        [property: JsonPropertyName("ok")] bool Ok,
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("parameters")] BotAnswerParameters? Parameters);

    private sealed record BotAnswerParameters([property: JsonPropertyName("retry_after")] int? RetryAfter);
}
