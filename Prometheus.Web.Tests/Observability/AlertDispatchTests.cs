using System.Net;
using System.Text.Json;
using Prometheus.Web.Observability.Alerts;

namespace Prometheus.Web.Tests.Observability;

/// <summary>
/// The dispatcher against scripted HTTP answers: tries again with backoff on 5xx, 429 and network failures, stops on
/// another 4xx, reaches Telegram's sendMessage with the chat and the text, and never lets a secret into the history or the log.
/// </summary>
public sealed class AlertDispatchTests
{
    [Fact]
    public async Task A_failing_webhook_is_tried_again_with_backoff_until_it_answers()
    {
        var answers = new Queue<HttpStatusCode>([HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable, HttpStatusCode.NoContent]);
        var kit = new AlertKit(AlertKit.Webhook(), _ => AlertKit.Status(answers.Dequeue()));

        var record = await kit.SendAsync();

        Assert.Equal(AlertOutcome.Delivered, record.Outcome);
        var delivery = Assert.Single(record.Deliveries);
        Assert.Equal(("webhook", AlertOutcome.Delivered, 3), (delivery.Destination, delivery.Outcome, delivery.Attempts));
        Assert.Equal(3, kit.Handler.Requests.Count);
        var body = JsonDocument.Parse(kit.Handler.Requests[0].Body).RootElement;
        Assert.Equal("BreakerTripped", body.GetProperty("kind").GetString());
        Assert.Equal("drawdown 31% reached the 30% circuit breaker", body.GetProperty("message").GetString());
        Assert.Equal(record.Id, body.GetProperty("id").GetInt64());
        Assert.Equal("paper", body.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task A_refusal_other_than_429_is_final_and_not_tried_again()
    {
        var kit = new AlertKit(AlertKit.Webhook(), _ => AlertKit.Status(HttpStatusCode.BadRequest));

        var record = await kit.SendAsync();

        Assert.Equal(AlertOutcome.Failed, record.Outcome);
        Assert.Equal((1, "HTTP 400"), (record.Deliveries[0].Attempts, record.Deliveries[0].Error));
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_tried_max_attempts_times_then_failed()
    {
        var options = AlertKit.Webhook();
        options.MaxAttempts = 3;
        var kit = new AlertKit(options, _ => throw new HttpRequestException("Connection refused (127.0.0.1:9)"));

        var record = await kit.SendAsync();

        Assert.Equal(AlertOutcome.Failed, record.Outcome);
        Assert.Equal(3, record.Deliveries[0].Attempts);
        Assert.Contains("Connection refused", record.Deliveries[0].Error);
        Assert.Contains("not delivered to webhook after 3 tries", kit.Log.All);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_in_time_counts_as_a_failed_try()
    {
        var options = AlertKit.Webhook();
        options.TimeoutSeconds = 0.2;
        options.MaxAttempts = 2;
        var kit = new AlertKit(options, async request =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        // The scripted handler ignores cancellation as a hung server would; the dispatcher's timeout must not.
        var record = await kit.SendAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(AlertOutcome.Failed, record.Outcome);
        Assert.Equal(2, record.Deliveries[0].Attempts);
        Assert.Equal("no answer within 0.2 s", record.Deliveries[0].Error);
    }

    [Fact]
    public async Task Telegram_gets_send_message_with_the_chat_and_the_text_at_the_configured_base_url()
    {
        var kit = new AlertKit(AlertKit.Telegram("http://127.0.0.1:9/fake-bot-api/"), _ => AlertKit.Status(HttpStatusCode.OK, """{"ok":true,"result":{}}"""));

        var record = await kit.SendAsync(AlertKind.Orphan, "Orphan (open): a position no agent owns");

        Assert.Equal(AlertOutcome.Delivered, record.Outcome);
        var (url, body) = Assert.Single(kit.Handler.Requests);
        Assert.Equal($"http://127.0.0.1:9/fake-bot-api/bot{AlertKit.BotToken}/sendMessage", url.ToString());
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(AlertKit.ChatId, json.GetProperty("chat_id").GetString());
        Assert.Equal("Prometheus (paper) · Orphan\nOrphan (open): a position no agent owns", json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Telegram_429_is_tried_again_after_the_wait_it_asks_for()
    {
        var calls = 0;
        var kit = new AlertKit(AlertKit.Telegram(), _ => ++calls == 1
            ? AlertKit.Status(HttpStatusCode.TooManyRequests, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""")
            : AlertKit.Status(HttpStatusCode.OK, """{"ok":true,"result":{}}"""));
        var started = DateTime.UtcNow;

        var record = await kit.SendAsync();

        Assert.Equal((AlertOutcome.Delivered, 2), (record.Outcome, record.Deliveries[0].Attempts));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "waited the second Telegram asked for");
    }

    [Fact]
    public async Task A_telegram_error_that_quotes_the_bot_token_shows_it_neither_in_the_history_nor_in_the_log()
    {
        var kit = new AlertKit(AlertKit.Telegram(), request => request.RequestUri!.ToString().Contains("sendMessage")
            ? AlertKit.Status(HttpStatusCode.Unauthorized, $$"""{"ok":false,"error_code":401,"description":"Unauthorized: bot{{AlertKit.BotToken}} is not valid"}""")
            : throw new InvalidOperationException());

        var record = await kit.SendAsync();

        Assert.Equal(AlertOutcome.Failed, record.Outcome);
        Assert.Equal("HTTP 401: Unauthorized: bot*** is not valid", record.Deliveries[0].Error);
        Assert.DoesNotContain(AlertKit.BotToken, JsonSerializer.Serialize(kit.History.Recent()));
        Assert.Contains("not delivered to telegram", kit.Log.All);
        Assert.DoesNotContain(AlertKit.BotToken, kit.Log.All);
    }

    [Fact]
    public async Task Webhook_and_telegram_both_get_each_alert_and_each_outcome_is_kept()
    {
        var options = AlertKit.Webhook();
        options.Telegram = AlertKit.Telegram().Telegram;
        var kit = new AlertKit(options, request => request.RequestUri!.AbsolutePath.EndsWith("/sendMessage", StringComparison.Ordinal)
            ? AlertKit.Status(HttpStatusCode.BadGateway)
            : AlertKit.Status(HttpStatusCode.OK));
        options.MaxAttempts = 2;

        var record = await kit.SendAsync();

        Assert.Equal(AlertOutcome.Failed, record.Outcome);
        Assert.Equal(AlertOutcome.Delivered, record.Deliveries.Single(d => d.Destination == "webhook").Outcome);
        var telegram = record.Deliveries.Single(d => d.Destination == "telegram");
        Assert.Equal((AlertOutcome.Failed, 2, "HTTP 502"), (telegram.Outcome, telegram.Attempts, telegram.Error));
    }

    [Fact]
    public async Task More_alerts_of_one_kind_than_the_limit_a_minute_are_rate_limited_not_sent()
    {
        var options = AlertKit.Webhook();
        options.MaxPerMinute = 2;
        var kit = new AlertKit(options, _ => AlertKit.Status(HttpStatusCode.OK));

        var outcomes = new List<AlertOutcome>();
        for (var i = 0; i < 3; i++) outcomes.Add((await kit.SendAsync(AlertKind.RiskState, $"change {i}")).Outcome);
        var otherKind = await kit.SendAsync(AlertKind.Orphan, "an orphan");

        Assert.Equal([AlertOutcome.Delivered, AlertOutcome.Delivered, AlertOutcome.RateLimited], outcomes);
        Assert.Equal(AlertOutcome.Delivered, otherKind.Outcome);
        Assert.Equal(3, kit.Handler.Requests.Count);
    }
}
