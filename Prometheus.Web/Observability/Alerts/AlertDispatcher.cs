using Microsoft.Extensions.Options;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// Sends the queued alerts, one at a time, to every destination at once, off the trading loop.
/// Invariants:
/// - An alert past its kind's rate limit is recorded RateLimited and not sent.
/// - Each destination is tried up to MaxAttempts times, each try cut at TimeoutSeconds; a network failure, a timeout,
///   HTTP 429 or 5xx is tried again after RetryBaseSeconds, doubling (or the wait a 429 asks for, up to five minutes);
///   another 4xx is final. A slow or dead destination only holds this loop: the queue in front of it drops its oldest.
/// - Errors are logged and kept scrubbed of every secret.
/// </summary>
public sealed class AlertDispatcher(
    AlertQueue queue,
    AlertHistory history,
    IEnumerable<IAlertDestination> destinations,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<AlertDispatcher> logger) : BackgroundService
{
    /// <summary>The HttpClient alerts are sent with: it logs nothing (a Telegram address holds the bot token).</summary>
    public const string HttpClientName = "alerts";
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(5);

    private readonly AlertRateLimit _limit = new(options.Value.MaxPerMinute, time);
    private readonly IAlertDestination[] _destinations = [.. destinations.Where(d => queue.Destinations.Contains(d.Name))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_destinations.Length == 0) return; // alerts are off
        try
        {
            await foreach (var alert in queue.Reader.ReadAllAsync(stoppingToken))
                await DispatchAsync(alert, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping: what waits stays Pending
        }
    }

    /// <summary>One alert to every destination; its outcome recorded.</summary>
    internal async Task DispatchAsync(Alert alert, CancellationToken stop)
    {
        if (!_limit.TryTake(alert.Kind))
        {
            history.Settled(alert.Id, AlertOutcome.RateLimited);
            return;
        }
        var deliveries = await Task.WhenAll(_destinations.Select(d => DeliverAsync(d, alert, stop)));
        var outcome = deliveries.All(d => d.Outcome == AlertOutcome.Delivered) ? AlertOutcome.Delivered : AlertOutcome.Failed;
        history.Settled(alert.Id, outcome, deliveries);
        foreach (var failed in deliveries.Where(d => d.Outcome != AlertOutcome.Delivered))
            logger.LogWarning("Alert {Id} ({Kind}) not delivered to {Destination} after {Attempts} tries: {Error}",
                alert.Id, alert.Kind, failed.Destination, failed.Attempts, failed.Error);
    }

    private async Task<AlertDelivery> DeliverAsync(IAlertDestination destination, Alert alert, CancellationToken stop)
    {
        var o = options.Value;
        var timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
        for (var attempt = 1; ; attempt++)
        {
            var result = await TryOnceAsync(destination, alert, timeout, stop);
            if (result.Delivered) return new AlertDelivery(destination.Name, AlertOutcome.Delivered, attempt, null);
            var error = queue.Scrubber.Scrub(result.Error ?? "failed");
            if (!result.TryAgain || attempt >= o.MaxAttempts)
                return new AlertDelivery(destination.Name, AlertOutcome.Failed, attempt, error);
            var wait = TimeSpan.FromSeconds(o.RetryBaseSeconds * Math.Pow(2, attempt - 1));
            if (result.RetryAfter is { } asked && asked > wait) wait = asked < LongestRetryAfter ? asked : LongestRetryAfter;
            await Task.Delay(wait, time, stop);
        }
    }

    private async Task<SendResult> TryOnceAsync(IAlertDestination destination, Alert alert, TimeSpan timeout, CancellationToken stop)
    {
        using var due = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, due.Token);
        try
        {
            // WaitAsync too: a destination that ignores its token (a hung handler) still ends at the timeout.
            return await destination.SendAsync(alert, linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return SendResult.Unreachable($"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return SendResult.Unreachable(e.Message);
        }
    }
}
