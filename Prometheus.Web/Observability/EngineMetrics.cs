using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Observability;

/// <summary>
/// The engine's figures as Prometheus metrics (prometheus-net, a registry of this host's own, served by /metrics).
/// Invariants:
/// - Counters and histograms move from the engine's events as they happen (a thread-safe increment on the loop's thread,
///   nothing more): orders sent, acknowledged, rejected by the exchange's code, fills, booking and round-trip times.
/// - Gauges that need a look inside the engine (equity and drawdown per instrument, open findings, the breaker) are read
///   by one loop query when /metrics is scraped, waited for at most <see cref="SampleTimeout"/>: a busy or stopped engine
///   leaves the last values, never a hung scrape.
/// - Drawdown per instrument is measured from the highest equity of that instrument's agents seen at a scrape since this
///   host started; the book's drawdown is the risk limits' own (from the all-time peak).
/// </summary>
public sealed class EngineMetrics : IEngineWatcher
{
    public static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(2);
    private static readonly string[] SocketNames = ["private", "public", "business"];

    private readonly EngineRuntime runtime;
    private readonly TimeProvider time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _peaks = new(StringComparer.Ordinal);

    private readonly Counter _sent, _acknowledged, _rejected, _unknown, _fills, _found, _reconnects;
    private readonly Histogram _booking, _roundTrip;
    private readonly Gauge _equity, _drawdown, _bookEquity, _bookDrawdown, _findings, _snapshotAge, _breaker;

    public EngineMetrics(EngineRuntime runtime, TimeProvider time)
    {
        this.runtime = runtime;
        this.time = time;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _sent = factory.CreateCounter(MetricNames.OrdersSent, "Orders sent to the exchange.", "instrument");
        _acknowledged = factory.CreateCounter(MetricNames.OrdersAcknowledged, "Orders the exchange accepted.", "instrument");
        _rejected = factory.CreateCounter(MetricNames.OrdersRejected, "Orders the exchange rejected, by its code (OKX sCode).", "reason");
        _unknown = factory.CreateCounter(MetricNames.OrdersUnknown, "Orders sent without an answer (timeout, dropped connection): looked up by clOrdId later.");
        _fills = factory.CreateCounter(MetricNames.Fills, "Fills booked to an agent.", "instrument");
        _booking = factory.CreateHistogram(MetricNames.Booking, "Wall time to book one fill (ledgers and the hand-off to the store).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.00001, 2, 16) });
        _roundTrip = factory.CreateHistogram(MetricNames.OrderRoundTrip, "Wall time from sending an order to the exchange's answer.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        _equity = factory.CreateGauge(MetricNames.Equity, "Equity of the living agents trading an instrument, in USDT, at the marks.", "instrument");
        _drawdown = factory.CreateGauge(MetricNames.Drawdown, "Drawdown of an instrument's agents' equity from its highest value seen since this host started (0..1).", "instrument");
        _bookEquity = factory.CreateGauge(MetricNames.BookEquity, "Equity of the whole book (the Mastermind's pool and every agent), in USDT.");
        _bookDrawdown = factory.CreateGauge(MetricNames.BookDrawdown, "The book's drawdown from its all-time peak, as the risk limits measure it (0..1).");
        _findings = factory.CreateGauge(MetricNames.ReconciliationFindings, "Reconciliation findings not resolved yet.");
        _found = factory.CreateCounter(MetricNames.ReconciliationFound, "Reconciliation findings made while this host ran, by kind.", "kind");
        _snapshotAge = factory.CreateGauge(MetricNames.SnapshotAge, "Seconds since the newest full snapshot became durable (NaN before the first).");
        _reconnects = factory.CreateCounter(MetricNames.WsReconnects, "OKX WebSocket reconnects, by socket.", "socket");
        _breaker = factory.CreateGauge(MetricNames.BreakerTripped, "1 while the drawdown circuit breaker is tripped (trading halted until a person resets it), else 0.");
        AlertsDropped = factory.CreateCounter(MetricNames.AlertsDropped, "Alerts dropped unsent because the alert queue was full (the oldest go first).");

        foreach (var instrument in Instrument.All)
        {
            _sent.WithLabels(instrument.InstId);
            _acknowledged.WithLabels(instrument.InstId);
            _fills.WithLabels(instrument.InstId);
        }
        foreach (var socket in SocketNames) _reconnects.WithLabels(socket);
        _snapshotAge.Set(double.NaN);
        Registry.AddBeforeCollectCallback(SampleAsync);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Counted by the alert queue.</summary>
    public Counter AlertsDropped { get; }

    public void Attach(EngineHooks hooks)
    {
        var supervisor = hooks.Supervisor;
        supervisor.OrderSent += order => _sent.WithLabels(order.InstId).Inc();
        supervisor.OrderAnswered += OnAnswered;
        supervisor.BookingTimed += (record, elapsed) =>
        {
            _fills.WithLabels(record.InstId).Inc();
            _booking.Observe(elapsed.TotalSeconds);
        };
        hooks.Reconciliation.Found += item => _found.WithLabels(item.Kind).Inc();
        if (hooks.Gateway is { } gateway)
            foreach (var socket in gateway.Sockets)
            {
                var name = SocketName(socket.Url);
                socket.Reconnected += _ => _reconnects.WithLabels(name).Inc();
            }
    }

    /// <summary>"private", "public" or "business": the last segment of an OKX WebSocket address.</summary>
    public static string SocketName(Uri url) => url.Segments is [.., var last] ? last.Trim('/') : url.Host;

    private void OnAnswered(OrderRequest order, OrderAck? ack, TimeSpan elapsed)
    {
        _roundTrip.Observe(elapsed.TotalSeconds);
        if (ack is null) _unknown.Inc();
        else if (ack.Accepted) _acknowledged.WithLabels(order.InstId).Inc();
        else _rejected.WithLabels(ack.Code).Inc();
    }

    /// <summary>What a scrape reads inside the engine, taken on the loop between cycles.</summary>
    private sealed record Sample(IReadOnlyDictionary<string, decimal> EquityByInstrument, decimal BookEquity, decimal BookDrawdown,
        bool BreakerTripped, int OpenFindings);

    private async Task SampleAsync(CancellationToken ct)
    {
        if (runtime.Store?.LastSnapshotAtMs is { } snapshotAt)
            _snapshotAge.Set(Math.Max(0, (time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(snapshotAt)).TotalSeconds));
        if (runtime.Loop is not { } loop) return;
        var reconciliation = runtime.Reconciliation;
        Sample sample;
        try
        {
            sample = await loop.QueryAsync(s => Take(s, reconciliation), ct).WaitAsync(SampleTimeout, time, ct);
        }
        catch (Exception e) when (e is EngineStoppedException or TimeoutException)
        {
            return; // the last values stand
        }
        _bookEquity.Set((double)sample.BookEquity);
        _bookDrawdown.Set((double)sample.BookDrawdown);
        _breaker.Set(sample.BreakerTripped ? 1 : 0);
        _findings.Set(sample.OpenFindings);
        lock (_gate)
        {
            foreach (var (instId, equity) in sample.EquityByInstrument)
            {
                var value = (double)equity;
                var peak = _peaks[instId] = Math.Max(_peaks.GetValueOrDefault(instId), value);
                _equity.WithLabels(instId).Set(value);
                _drawdown.WithLabels(instId).Set(peak > 0 ? (peak - value) / peak : 0);
            }
        }
    }

    private static Sample Take(Supervisor s, Prometheus.Engine.Recovery.ReconciliationCoordinator? reconciliation)
    {
        var equity = Instrument.All.ToDictionary(i => i.InstId, _ => 0m, StringComparer.Ordinal);
        foreach (var agent in s.Living)
            equity[agent.Instrument.InstId] = equity.GetValueOrDefault(agent.Instrument.InstId) + s.Ledger.Private(agent.Id).Equity(s.Marks);
        return new Sample(equity, s.Equity, s.SystemRisk.Drawdown, s.SystemRisk.DrawdownBreakerTripped,
            reconciliation?.Items.Count(i => !i.Resolved) ?? 0);
    }
}
