using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// The market exchange-sim replays: the candle file laid on the calendar in laps (<see cref="ReplayFeed"/>), so a bar's
/// timestamp is the wall-clock time it stands for. Fresh, the replay starts at the bar that closed last; after a restart
/// it resumes after the last bar the exchange saw. Replay time runs at <c>speed</c> × wall time from that point; a bar is
/// published when replay time passes its close. Keeps the published bars (and 33 days of history before the start) for the
/// candles endpoints, and derives tickers from them. Not thread-safe: the server calls it under its lock.
/// </summary>
public sealed class SimMarket
{
    private const int MaxKept = 20_000;
    /// <summary>Bars of history before the replay's start: more than a 30-day regime window of 15m bars, so a client warms up at once.</summary>
    private const int HistoryBars = 3_200;
    private readonly ReplayFeed _feed;
    private readonly List<Candle> _bars = [];
    private readonly double _speed;
    private readonly long _anchorWallMs;
    private readonly long _anchorReplayMs;

    public SimMarket(IEnumerable<Candle> file, double speed, long nowMs, long? lastBarMs)
    {
        _feed = new ReplayFeed(file);
        Interval = _feed.Interval;
        var interval = (long)Interval.TotalMilliseconds;
        _feed.SeekAfter(lastBarMs ?? nowMs / interval * interval - 2 * interval);
        _bars.AddRange(_feed.History(HistoryBars));
        _speed = speed;
        _anchorWallMs = nowMs;
        _anchorReplayMs = PeekNext().TimestampMs + interval;   // the next bar is due at once
    }

    public TimeSpan Interval { get; }

    public string BarName => OkxBars.NameOf(Interval) ?? "15m";

    public IReadOnlyList<Candle> Bars => _bars;

    /// <summary>The bars whose close replay time has passed at <paramref name="nowMs"/>, oldest first (none when paused).</summary>
    public List<Candle> Due(long nowMs)
    {
        var due = new List<Candle>();
        if (_speed <= 0)
            return due;
        var replayNow = _anchorReplayMs + (long)((nowMs - _anchorWallMs) * _speed);
        var interval = (long)Interval.TotalMilliseconds;
        while (due.Count < 1000 && PeekNext().TimestampMs + interval <= replayNow)
            due.Add(Next());
        return due;
    }

    /// <summary>The next bar of the file, taken (used by the pacing and by tests that push bars by hand).</summary>
    public Candle Next()
    {
        _feed.TryNext(out var bar);
        Append(bar);
        return bar;
    }

    /// <summary>Records a bar pushed from outside the file (tests), keeping timestamps increasing.</summary>
    public void Append(Candle bar)
    {
        if (_bars.Count > 0 && bar.TimestampMs <= _bars[^1].TimestampMs)
            bar = bar with { TimestampMs = _bars[^1].TimestampMs + (long)Interval.TotalMilliseconds };
        _bars.Add(bar);
        if (_bars.Count > MaxKept)
            _bars.RemoveRange(0, _bars.Count - MaxKept);
    }

    public Candle Last => _bars[^1];

    /// <summary>
    /// Candles of <paramref name="bar"/> (the replayed interval, or aggregated from it), newest first, as /market/candles
    /// answers: <paramref name="afterMs"/> keeps older than it, <paramref name="beforeMs"/> newer.
    /// </summary>
    public List<SimCandle> Candles(OkxBar bar, long? afterMs, long? beforeMs, int limit)
    {
        var source = SimCandleAggregation.Aggregate(_bars, Interval, bar);
        var result = new List<SimCandle>(limit);
        for (var i = source.Count - 1; i >= 0 && result.Count < limit; i--)
        {
            var c = source[i];
            if ((afterMs is null || c.Bar.TimestampMs < afterMs) && (beforeMs is null || c.Bar.TimestampMs > beforeMs))
                result.Add(c);
        }
        return result;
    }

    /// <summary>
    /// The candle of <paramref name="bar"/> as it stood when the replayed bar <paramref name="replayed"/> closed, forming or
    /// not: what a candle channel pushes after that bar.
    /// </summary>
    public SimCandle CandleAt(OkxBar bar, Candle replayed)
    {
        if (bar.Length == Interval)
            return new SimCandle(replayed, true);
        var last = _bars.Count - 1;
        while (last > 0 && _bars[last].TimestampMs > replayed.TimestampMs)
            last--;
        var from = bar.StartOf(replayed.TimestampMs);
        var first = last;
        while (first > 0 && _bars[first - 1].TimestampMs >= from)
            first--;
        return SimCandleAggregation.Aggregate(_bars[first..(last + 1)], Interval, bar)[^1];
    }

    /// <summary>Whether <paramref name="bar"/> can be served honestly: made of whole replayed bars.</summary>
    public bool Serves(OkxBar bar) => bar.IsMadeOf(Interval);

    /// <summary>The OKX bars this market serves, finest first.</summary>
    public IEnumerable<OkxBar> ServedBars =>
        OkxBars.Known.Select(name => OkxBars.TryGet(name, out var bar) ? bar : default).Where(Serves).OrderBy(b => b.Length);

    /// <summary>Why <paramref name="name"/> is not served (51000's message).</summary>
    public string WhyNotServed(string name) =>
        OkxBars.TryGet(name, out var bar) && bar.Length < Interval
            ? $"Parameter bar error: {name} is finer than the {BarName} candles this simulated market replays; bars are only aggregated from them, never invented. Served: {string.Join(", ", ServedBars.Select(b => b.Name))}."
            : $"Parameter bar error: {name} is not a bar this simulated market can make from its {BarName} candles. Served: {string.Join(", ", ServedBars.Select(b => b.Name))}.";

    public OkxTickerWire Ticker(Instrument instrument)
    {
        var last = Last;
        var dayAgo = last.TimestampMs - (long)TimeSpan.FromDays(1).TotalMilliseconds;
        decimal open = last.Open, high = last.High, low = last.Low, volume = 0m;
        for (var i = _bars.Count - 1; i >= 0 && _bars[i].TimestampMs > dayAgo; i--)
        {
            var c = _bars[i];
            open = c.Open;
            high = Math.Max(high, c.High);
            low = Math.Min(low, c.Low);
            volume += c.Volume;
        }
        var dayStart = last.TimestampMs / 86_400_000 * 86_400_000;
        var swap = instrument.Kind == InstrumentKind.Swap;
        return new OkxTickerWire
        {
            InstType = OkxWireWriter.InstType(instrument),
            InstId = instrument.InstId,
            Last = OkxJson.Format(last.Close),
            LastSz = OkxJson.Format(instrument.MinSize),
            AskPx = OkxJson.Format(last.Close + instrument.TickSize),
            AskSz = "1",
            BidPx = OkxJson.Format(last.Close),
            BidSz = "1",
            Open24h = OkxJson.Format(open),
            High24h = OkxJson.Format(high),
            Low24h = OkxJson.Format(low),
            VolCcy24h = swap ? OkxJson.Format(volume) : OkxJson.Format(decimal.Round(volume * last.Close, 8)),
            Vol24h = swap ? OkxJson.Format(volume / instrument.ContractValue) : OkxJson.Format(volume),
            Ts = OkxJson.Format(last.TimestampMs + (long)Interval.TotalMilliseconds),
            SodUtc0 = OkxJson.Format(OpenAt(dayStart)),
            SodUtc8 = OkxJson.Format(OpenAt(dayStart - 8 * 3_600_000 + (last.TimestampMs - dayStart >= 16 * 3_600_000 ? 86_400_000 : 0))),
        };
    }

    private decimal OpenAt(long ms)
    {
        foreach (var c in _bars)
        {
            if (c.TimestampMs >= ms)
                return c.Open;
        }
        return Last.Open;
    }

    private Candle PeekNext()
    {
        // ReplayFeed has no peek: take the bar and step back by re-seeking just before it.
        _feed.TryNext(out var bar);
        _feed.SeekAfter(bar.TimestampMs - 1);
        return bar;
    }
}
