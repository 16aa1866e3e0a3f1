using Microsoft.Extensions.Logging;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// The engine's market on OKX: closed bars of one instrument, as the business WebSocket pushes them (confirm = "1"),
/// with a REST poll behind it so a missed push or a reconnect loses no bar; each bar is handed on once, in time order.
/// Starts with enough history to warm the indicators (GET market/candles, then market/history-candles going back).
/// Thread-safe: pushes and polls arrive on their own threads, the trading loop takes bars on its own.
/// </summary>
public sealed class OkxBarFeed : IBarFeed, IAsyncDisposable
{
    private readonly OkxExchange _exchange;
    private readonly string _instId;
    private readonly string _bar;
    private readonly ILogger _logger;
    private readonly List<Candle> _history;
    private readonly SortedDictionary<long, Candle> _pending = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private long _lastTakenMs;

    private OkxBarFeed(OkxExchange exchange, string instId, string bar, TimeSpan interval, List<Candle> history, ILogger logger)
    {
        _exchange = exchange;
        _instId = instId;
        _bar = bar;
        Interval = interval;
        _history = history;
        _logger = logger;
        _lastTakenMs = history.Count > 0 ? history[^1].TimestampMs : 0;
    }

    public TimeSpan Interval { get; }

    /// <summary>Open time of the newest closed bar of the history (the engine resumes after it); null when OKX gave none.</summary>
    public long? LastClosedMs => _history.Count > 0 ? _history[^1].TimestampMs : null;

    /// <summary>Loads <paramref name="historyBars"/> closed bars, then follows pushes and polls REST every <paramref name="pollEvery"/>.</summary>
    public static async Task<OkxBarFeed> StartAsync(OkxExchange exchange, string instId, int historyBars, ILogger logger, CancellationToken ct,
        TimeSpan? pollEvery = null)
    {
        var bar = exchange.Options.CandleBar;
        if (!OkxBars.TryGetLength(bar, out var interval))
            throw new ArgumentException($"{OkxOptions.Section}:CandleBar '{bar}' is not an OKX bar", nameof(exchange));
        var history = await LoadHistoryAsync(exchange, instId, bar, historyBars, ct).ConfigureAwait(false);
        var feed = new OkxBarFeed(exchange, instId, bar, interval, history, logger);
        feed._workers.Add(Task.Run(() => feed.FollowPushesAsync(feed._stop.Token)));
        feed._workers.Add(Task.Run(() => feed.PollAsync(pollEvery ?? TimeSpan.FromSeconds(Math.Clamp(interval.TotalSeconds / 10, 2, 30)), feed._stop.Token)));
        logger.LogInformation("OKX bars: {InstId} {Bar}, {Count} bars of history up to {Last:u}", instId, bar, history.Count,
            history.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(history[^1].TimestampMs) : null);
        return feed;
    }

    public bool TryNext(out Candle bar)
    {
        lock (_gate)
        {
            while (_pending.Count > 0)
            {
                var (timestamp, candle) = _pending.First();
                _pending.Remove(timestamp);
                if (timestamp <= _lastTakenMs) continue;
                _lastTakenMs = timestamp;
                bar = candle;
                return true;
            }
        }
        bar = default;
        return false;
    }

    public IReadOnlyList<Candle> History(int count) => _history.Count <= count ? _history : _history[^count..];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_workers).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private void Offer(OkxCandle candle)
    {
        if (!candle.Confirmed) return;
        lock (_gate)
            if (candle.Candle.TimestampMs > _lastTakenMs)
                _pending[candle.Candle.TimestampMs] = candle.Candle;
    }

    private async Task FollowPushesAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (instId, candle) in _exchange.Candles.ReadAllAsync(ct).ConfigureAwait(false))
                if (instId == _instId) Offer(candle);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    foreach (var candle in await _exchange.GetCandlesAsync(_instId, _bar, limit: 20, ct: ct).ConfigureAwait(false))
                        Offer(candle);
                }
                catch (Exception e) when (e is OkxApiException or HttpRequestException or TimeoutException)
                {
                    // The pushes carry on; the next poll tries again.
                    _logger.LogWarning("OKX candle poll failed: {Message}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static async Task<List<Candle>> LoadHistoryAsync(OkxExchange exchange, string instId, string bar, int count, CancellationToken ct)
    {
        var bars = new SortedDictionary<long, Candle>();
        foreach (var c in await exchange.GetCandlesAsync(instId, bar, limit: Math.Min(300, count + 1), ct: ct).ConfigureAwait(false))
            if (c.Confirmed) bars[c.Candle.TimestampMs] = c.Candle;
        while (bars.Count < count && bars.Count > 0)
        {
            var older = await exchange.GetHistoryCandlesAsync(instId, bar, limit: 100, afterMs: bars.Keys.First(), ct: ct).ConfigureAwait(false);
            var added = 0;
            foreach (var c in older)
                if (c.Confirmed && bars.TryAdd(c.Candle.TimestampMs, c.Candle)) added++;
            if (added == 0) break; // no older history
        }
        return [.. bars.Values.TakeLast(count)];
    }
}
