using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// Where alerts wait for the dispatcher, off the trading loop.
/// Invariants:
/// - <see cref="Raise"/> never blocks and never waits for a destination: one write to a bounded channel that, when full,
///   drops the oldest alert waiting; each dropped alert is counted (<see cref="Dropped"/>, prometheus_alerts_dropped_total)
///   and shown as Dropped in the history.
/// - A kind switched off, or no destination configured, makes nothing at all.
/// - The text is scrubbed of every secret before it is kept or sent.
/// </summary>
public sealed class AlertQueue
{
    private readonly AlertOptions options;
    private readonly AlertHistory history;
    private readonly TimeProvider time;
    private readonly EngineMetrics metrics;
    private readonly IReadOnlySet<AlertKind> _kinds;
    private readonly Channel<Alert> _channel;
    private long _nextId;
    private long _dropped;

    public AlertQueue(IOptions<AlertOptions> options, AlertHistory history, SecretScrubber scrubber, TimeProvider time, EngineMetrics metrics)
    {
        this.options = options.Value;
        this.history = history;
        this.time = time;
        this.metrics = metrics;
        Scrubber = scrubber;
        _kinds = this.options.Enabled ? this.options.EnabledKinds : new HashSet<AlertKind>();
        _channel = Channel.CreateBounded<Alert>(
            new BoundedChannelOptions(this.options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            OnDropped);
        Destinations = [.. new[] { this.options.WebhookOn ? WebhookDestination.Name : null, this.options.TelegramOn ? TelegramDestination.Name : null }.OfType<string>()];
    }

    public SecretScrubber Scrubber { get; }

    /// <summary>"webhook" and/or "telegram": where each alert goes.</summary>
    public IReadOnlyList<string> Destinations { get; }

    public IReadOnlySet<AlertKind> Kinds => _kinds;

    /// <summary>Alerts dropped unsent because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<Alert> Reader => _channel.Reader;

    /// <summary>Whether an alert of <paramref name="kind"/> would be made: check it before composing a costly message.</summary>
    public bool IsOn(AlertKind kind) => _kinds.Contains(kind);

    /// <summary>Queues an alert of <paramref name="kind"/> (nothing when the kind is off). Never blocks.</summary>
    public void Raise(AlertKind kind, string message)
    {
        if (!IsOn(kind)) return;
        var alert = new Alert(Interlocked.Increment(ref _nextId), kind, Scrubber.Scrub(message), time.GetUtcNow());
        history.Added(alert, Destinations);
        _channel.Writer.TryWrite(alert);
    }

    private void OnDropped(Alert alert)
    {
        Interlocked.Increment(ref _dropped);
        metrics.AlertsDropped.Inc();
        history.Settled(alert.Id, AlertOutcome.Dropped);
    }
}
