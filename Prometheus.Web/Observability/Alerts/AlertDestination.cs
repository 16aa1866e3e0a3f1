namespace Prometheus.Web.Observability.Alerts;

/// <summary>Somewhere an alert is sent (the webhook, Telegram): one try, its result said, never thrown.</summary>
public interface IAlertDestination
{
    string Name { get; }

    /// <summary>One try. <paramref name="ct"/> ends it at the try's timeout (or the host's stop).</summary>
    Task<SendResult> SendAsync(Alert alert, CancellationToken ct);
}
