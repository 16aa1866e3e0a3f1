using Microsoft.Extensions.Logging;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// The engine's market on OKX: closed bars, as the business WebSocket pushes them (confirm = "1"), with a REST poll
/// behind it so a missed push or a reconnect loses no bar; each bar is handed on once, in time order. One series (the
/// swap whose bars price every traded instrument), or one per coin traded (<see cref="StartAlignedAsync"/>): then each
/// bar time is handed on with every coin's bar of it (<see cref="BarsByTraded"/>, aligned by <see cref="BarAligner"/>:
/// a coin whose bar is late is waited for, then given a missing bar). Starts with enough history to warm the indicators
/// (GET market/candles, then market/history-candles going back). Thread-safe: pushes and polls arrive on their own
/// threads, the trading loop takes bars on its own.
/// </summary>
public sealed class OkxBarFeed : IBarFeed, IAsyncDisposable
{
    private readonly OkxExchange _exchange;
    private readonly string[] _instIds;
    private readonly int[]? _seriesOfTraded;
    private readonly string _bar;
    private readonly ILogger _logger;
    private readonly List<Candle>[] _history;
    private readonly BarAligner _aligner;
    private readonly Candle[] _alignedRow;
    private readonly Candle[]? _byTraded;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private readonly long _resumeAfterMs;

    private OkxBarFeed(OkxExchange exchange, string[] instIds, int[]? seriesOfTraded, string bar, TimeSpan interval, List<Candle>[] history,
        TimeProvider time, TimeSpan patience, ILogger logger)
    {
        _exchange = exchange;
        _instIds = instIds;
        _seriesOfTraded = seriesOfTraded;
        _bar = bar;
        Interval = interval;
        _history = history;
        _logger = logger;
        _alignedRow = new Candle[instIds.Length];
        if (seriesOfTraded is not null) _byTraded = new Candle[seriesOfTraded.Length];
        // One series is the aligner's simplest case: every bar time is complete, handed on in order, once.
        _aligner = new BarAligner(instIds.Length, (long)interval.TotalMilliseconds, patience, time);
        // Trading resumes after the newest bar every coin has closed; a coin ahead has its newer bars handed on with the rest.
        _resumeAfterMs = history.Min(h => h.Count > 0 ? h[^1].TimestampMs : 0);
        _aligner.StartAfter(_resumeAfterMs);
        for (var s = 0; s < history.Length; s++)
            foreach (var candle in history[s])
            {
                _aligner.Remember(s, candle);
                _aligner.Offer(s, candle);
            }
    }

    public TimeSpan Interval { get; }

    /// <summary>Open time of the newest closed bar of the history every series has (the engine resumes after it); null when OKX gave none.</summary>
    public long? LastClosedMs => _resumeAfterMs > 0 ? _resumeAfterMs : null;

    /// <summary>With a series per coin: the last bar time's bar of each traded instrument (its coin's); null with one series.</summary>
    public IReadOnlyList<Candle>? BarsByTraded => _byTraded;

    /// <summary>Loads <paramref name="historyBars"/> closed bars of <paramref name="instId"/>, then follows pushes and polls REST every <paramref name="pollEvery"/>.</summary>
    public static Task<OkxBarFeed> StartAsync(OkxExchange exchange, string instId, int historyBars, ILogger logger, CancellationToken ct,
        TimeSpan? pollEvery = null) =>
        StartAsync(exchange, [instId], seriesOfTraded: null, historyBars, TimeProvider.System, logger, ct, pollEvery);

    /// <summary>
    /// A series per coin traded: <paramref name="instIds"/> (one instrument's bars per coin), <paramref name="seriesOfTraded"/>
    /// giving, for each traded instrument in order, the index of the series that prices it.
    /// </summary>
    public static Task<OkxBarFeed> StartAlignedAsync(OkxExchange exchange, IReadOnlyList<string> instIds, IReadOnlyList<int> seriesOfTraded,
        int historyBars, TimeProvider time, ILogger logger, CancellationToken ct, TimeSpan? pollEvery = null) =>
        StartAsync(exchange, [.. instIds], [.. seriesOfTraded], historyBars, time, logger, ct, pollEvery);

    private static async Task<OkxBarFeed> StartAsync(OkxExchange exchange, string[] instIds, int[]? seriesOfTraded, int historyBars,
        TimeProvider time, ILogger logger, CancellationToken ct, TimeSpan? pollEvery)
    {
        var bar = exchange.Options.CandleBar;
        if (!OkxBars.TryGetLength(bar, out var interval))
            throw new ArgumentException($"{OkxOptions.Section}:CandleBar '{bar}' is not an OKX bar", nameof(exchange));
        var history = new List<Candle>[instIds.Length];
        for (var s = 0; s < instIds.Length; s++)
            history[s] = await LoadHistoryAsync(exchange, instIds[s], bar, historyBars, ct).ConfigureAwait(false);
        var poll = pollEvery ?? TimeSpan.FromSeconds(Math.Clamp(interval.TotalSeconds / 10, 2, 30));
        // A coin's bar late by two polls and a little is taken as missing at that time: its price stays, nothing trades on it.
        var feed = new OkxBarFeed(exchange, instIds, seriesOfTraded, bar, interval, history, time, 2 * poll + TimeSpan.FromSeconds(5), logger);
        feed._workers.Add(Task.Run(() => feed.FollowPushesAsync(feed._stop.Token)));
        feed._workers.Add(Task.Run(() => feed.PollAsync(poll, feed._stop.Token)));
        for (var s = 0; s < instIds.Length; s++)
            logger.LogInformation("OKX bars: {InstId} {Bar}, {Count} bars of history up to {Last:u}", instIds[s], bar, history[s].Count,
                history[s].Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(history[s][^1].TimestampMs) : null);
        return feed;
    }

    public bool TryNext(out Candle bar)
    {
        lock (_gate)
        {
            if (_aligner.TryNext(_alignedRow))
            {
                if (_byTraded is not null)
                    for (var t = 0; t < _byTraded.Length; t++) _byTraded[t] = _alignedRow[_seriesOfTraded![t]];
                bar = _alignedRow[0];
                return true;
            }
        }
        bar = default;
        return false;
    }

    /// <summary>The first series' newest closed bars before the next one, oldest first.</summary>
    public IReadOnlyList<Candle> History(int count) => Last(_history[0], count);

    /// <summary>Traded instrument <paramref name="traded"/>'s coin's newest closed bars up to where trading resumes, oldest first.</summary>
    public IReadOnlyList<Candle> History(int count, int traded)
    {
        if (_seriesOfTraded is null) return History(count);
        return Last([.. _history[_seriesOfTraded[traded]].Where(c => c.TimestampMs <= _resumeAfterMs)], count);
    }

    private static IReadOnlyList<Candle> Last(List<Candle> bars, int count) => bars.Count <= count ? bars : bars[^count..];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_workers).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private void Offer(string instId, OkxCandle candle)
    {
        if (!candle.Confirmed) return;
        var series = Array.IndexOf(_instIds, instId);
        if (series < 0) return;
        lock (_gate)
            _aligner.Offer(series, candle.Candle);
    }

    private async Task FollowPushesAsync(CancellationToken ct)
    {
        try
        {
            // One reader for every series: the gateway's candle pushes come through one channel.
            await foreach (var (instId, candle) in _exchange.Candles.ReadAllAsync(ct).ConfigureAwait(false))
                Offer(instId, candle);
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
                foreach (var instId in _instIds)
                {
                    try
                    {
                        foreach (var candle in await _exchange.GetCandlesAsync(instId, _bar, limit: 20, ct: ct).ConfigureAwait(false))
                            Offer(instId, candle);
                    }
                    catch (Exception e) when (e is OkxApiException or HttpRequestException or TimeoutException)
                    {
                        // The pushes carry on; the next poll tries again.
                        _logger.LogWarning("OKX candle poll of {InstId} failed: {Message}", instId, e.Message);
                    }
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
