using Prometheus.Engine.Configuration;
using Prometheus.Engine.Supervision.ReadModel;
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
///   from the engine's published read model when /metrics is scraped: no call into the loop, so a busy or stopped engine
///   never hangs a scrape (a stopped one leaves its last publication).
/// - Drawdown per instrument is measured from the highest equity of that instrument's agents seen at a scrape since this
///   host started; the book's drawdown is the risk limits' own (from the all-time peak).
/// </summary>
public sealed class EngineMetrics : IEngineWatcher
{
    private static readonly string[] SocketNames = ["private", "public", "business"];

    private readonly EngineRuntime runtime;
    private readonly TimeProvider time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _peaks = new(StringComparer.Ordinal);

    private readonly Counter _sent, _acknowledged, _rejected, _unknown, _fills, _found, _reconnects;
    private readonly Histogram _booking, _roundTrip;
    private readonly Gauge _equity, _drawdown, _bookEquity, _bookDrawdown, _findings, _snapshotAge, _breaker;

    public EngineMetrics(EngineRuntime runtime, TimeProvider time, EngineOptions? options = null)
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

        _traded = (options ?? new EngineOptions()).Traded;
        foreach (var instrument in _traded)
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

    /// <summary>What a scrape reads of the engine, from its published read model.</summary>
    private sealed record Sample(IReadOnlyDictionary<string, decimal> EquityByInstrument, decimal BookEquity, decimal BookDrawdown,
        bool BreakerTripped, int OpenFindings);

    private Task SampleAsync(CancellationToken ct)
    {
        if (runtime.Store?.LastSnapshotAtMs is { } snapshotAt)
            _snapshotAge.Set(Math.Max(0, (time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(snapshotAt)).TotalSeconds));
        if (runtime.ReadModel is not { } model) return Task.CompletedTask;
        var sample = Take(model);
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
        return Task.CompletedTask;
    }

    /// <summary>The traded instruments: labelled from the start, so a series exists (at 0) before its first order.</summary>
    private readonly IReadOnlyList<Instrument> _traded;

    private Sample Take(EngineReadModel m)
    {
        var equity = _traded.ToDictionary(i => i.InstId, _ => 0m, StringComparer.Ordinal);
        foreach (var i in m.Mastermind.Instruments) equity[i.InstId] = i.Equity;
        return new Sample(equity, m.Book.Equity, m.Risk.State.Drawdown, m.Risk.State.DrawdownBreakerTripped, m.Reconciliation?.OpenFindings ?? 0);
    }
}
