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
/// candles endpoints, and derives tickers from them. A finer recorded series, when configured, serves the bars finer than
/// the replay where it covers the replayed time; a recorded mark price series serves mark price candles where it covers
/// (both laid on the replay's calendar, <see cref="SimRecordedSeries"/>). Not thread-safe: the server calls it under its lock.
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
    private readonly SimRecordedSeries? _finer;
    private readonly SimRecordedSeries? _mark;

    /// <param name="finer">A candle file finer than <paramref name="file"/> (its interval divides the replayed one), or null.</param>
    /// <param name="mark">Recorded mark prices of the swaps, or null: mark price candles then come from the replayed prices.</param>
    public SimMarket(IEnumerable<Candle> file, double speed, long nowMs, long? lastBarMs, IEnumerable<Candle>? finer = null, IEnumerable<Candle>? mark = null)
    {
        _feed = new ReplayFeed(file);
        Interval = _feed.Interval;
        var interval = (long)Interval.TotalMilliseconds;
        _feed.SeekAfter(lastBarMs ?? nowMs / interval * interval - 2 * interval);
        _bars.AddRange(_feed.History(HistoryBars));
        _speed = speed;
        _anchorWallMs = nowMs;
        _anchorReplayMs = PeekNext().TimestampMs + interval;   // the next bar is due at once
        if (finer is not null)
        {
            // A bar that records no trade (volume 0, open = high = low = close) marks a hole at the exchange (the shipped
            // 5m file has 189): missing data, not trading.
            _finer = new SimRecordedSeries(finer.Where(c => !(c.Volume == 0m && c.Open == c.High && c.High == c.Low && c.Low == c.Close)),
                _feed.FirstTimestampMs, _feed.LapMs);
            if (_finer.Interval >= Interval || Interval.Ticks % _finer.Interval.Ticks != 0)
                throw new ArgumentException(
                    $"The finer series' interval ({NameOf(_finer.Interval)}) must be finer than the replayed {BarName} candles and divide them.", nameof(finer));
        }
        if (mark is not null)
            _mark = new SimRecordedSeries(mark, _feed.FirstTimestampMs, _feed.LapMs);
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

    /// <summary>The close of the newest replayed bar: nothing at or after it has been replayed.</summary>
    public long ReplayedUntil => Last.TimestampMs + (long)Interval.TotalMilliseconds;

    /// <summary>
    /// Candles of <paramref name="bar"/> (the replayed interval, or aggregated from it), newest first, as /market/candles
    /// answers: <paramref name="afterMs"/> keeps older than it, <paramref name="beforeMs"/> newer.
    /// </summary>
    public List<SimCandle> Candles(OkxBar bar, long? afterMs, long? beforeMs, int limit)
    {
        var source = IsFinerThanReplay(bar) ? FinerCandles(bar, afterMs, beforeMs, limit) : SimCandleAggregation.Aggregate(_bars, Interval, bar);
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

    /// <summary>
    /// The finer bars whose candles became whole with the replayed bar <paramref name="replayed"/>, oldest first: what a
    /// finer candle channel pushes after it (none where the finer series does not cover it).
    /// </summary>
    public List<SimCandle> FinerCandlesIn(OkxBar bar, Candle replayed) =>
        _finer is null
            ? []
            : SimCandleAggregation.Whole(_finer.Within(replayed.TimestampMs, replayed.TimestampMs + (long)Interval.TotalMilliseconds), _finer.Interval, bar);

    /// <summary>Whether <paramref name="bar"/> can be served honestly: made of whole replayed bars, or of the finer series' bars.</summary>
    public bool Serves(OkxBar bar) => bar.IsMadeOf(Interval) || FinerBars.Contains(bar);

    /// <summary>Whether <paramref name="bar"/> is finer than the replay, so only the finer series can serve it.</summary>
    public bool IsFinerThanReplay(OkxBar bar) => bar.Length < Interval;

    /// <summary>The OKX bars this market makes from the replayed bars, finest first.</summary>
    public IEnumerable<OkxBar> ServedBars => AllBars.Where(b => b.IsMadeOf(Interval)).OrderBy(b => b.Length);

    /// <summary>
    /// The OKX bars finer than the replay that the finer series makes (none without one), finest first. Only bars that
    /// divide the replayed interval: each becomes whole within one replayed bar, so none is ever partly replayed.
    /// </summary>
    public IEnumerable<OkxBar> FinerBars =>
        _finer is null
            ? []
            : AllBars.Where(b => IsFinerThanReplay(b) && b.IsMadeOf(_finer.Interval) && Interval.Ticks % b.Length.Ticks == 0).OrderBy(b => b.Length);

    /// <summary>Why <paramref name="name"/> is not served (51000's message).</summary>
    public string WhyNotServed(string name) =>
        OkxBars.TryGet(name, out var bar) && IsFinerThanReplay(bar)
            ? $"Parameter bar error: {name} is finer than the {BarName} candles this simulated market replays; bars are only aggregated from them, never invented{(_finer is null ? "; configure a finer series (Prometheus:Sim:FinerSeries) to serve it" : $", and the finer series ({NameOf(_finer.Interval)}) cannot make it")}. Served: {ServedNames}."
            : $"Parameter bar error: {name} is not a bar this simulated market can make from its {BarName} candles. Served: {ServedNames}.";

    /// <summary>Why a finer bar served from the finer series has no candle for the time asked (51000's message).</summary>
    public string WhyNotCovered(string name)
    {
        var (first, end) = _finer!.Span;
        return $"Parameter bar error: {name} is finer than the {BarName} candles this simulated market replays, and the configured finer series " +
            $"({NameOf(_finer.Interval)}) does not cover the time asked for (replayed until {Utc(ReplayedUntil)}); in this replay lap it covers " +
            $"{Utc(_finer.InLapOf(ReplayedUntil, first))} .. {Utc(_finer.InLapOf(ReplayedUntil, end))}. Bars are never invented.";
    }

    /// <summary>Whether mark price candles of <paramref name="bar"/> are served: at the replayed bars and those made of them.</summary>
    public bool ServesMark(OkxBar bar) => bar.IsMadeOf(Interval);

    /// <summary>
    /// Mark price candles of <paramref name="bar"/> for <paramref name="instrument"/>, newest first, as
    /// /market/mark-price-candles answers. A swap's candle comes from the recorded mark series where that holds every hour
    /// of it the replay has passed (same confirm as the replayed one); everywhere else (spot, bars finer than the
    /// recording, times it does not cover, the part of an hour replayed so far) from the replayed prices.
    /// </summary>
    public List<SimCandle> MarkCandles(Instrument instrument, OkxBar bar, long? afterMs, long? beforeMs, int limit)
    {
        var replayed = Candles(bar, afterMs, beforeMs, limit);
        if (_mark is null || instrument.Kind != InstrumentKind.Swap || !bar.IsMadeOf(_mark.Interval))
            return replayed;
        return [.. replayed.Select(c => RecordedMark(c, bar) ?? c)];
    }

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
            volume += c.VolumeUnknown ? 0m : c.Volume; // a replay of mark prices knows no volume
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

    private SimCandle? RecordedMark(SimCandle replayed, OkxBar bar)
    {
        var from = replayed.Bar.TimestampMs;
        var until = Math.Min(from + bar.LengthMs, ReplayedUntil);
        var recorded = _mark!.Within(from, until);
        // Every hour must be recorded whole: a gap, the part of an hour replayed so far, or a lap that lays the recorded
        // hours off the hour (each replayed hour then straddles two) leaves the replayed price.
        if (recorded.Count == 0 || recorded.Count * _mark.IntervalMs != until - from)
            return null;
        var open = recorded[0];
        var candle = new Candle(from, open.Open, recorded.Max(c => c.High), recorded.Min(c => c.Low), recorded[^1].Close, 0m);
        return new SimCandle(candle, replayed.Confirmed);
    }

    private List<SimCandle> FinerCandles(OkxBar bar, long? afterMs, long? beforeMs, int limit)
    {
        if (_finer is null)
            return [];
        // Only the slots the answer can hold: up to the replay (or the cursor), one more than the limit back.
        var until = afterMs is { } after ? Math.Min(ReplayedUntil, bar.StartOf(after - 1) + bar.LengthMs) : ReplayedUntil;
        var from = bar.StartOf(until - 1) - limit * bar.LengthMs;
        if (beforeMs is { } before)
            from = Math.Max(from, bar.StartOf(before));
        return SimCandleAggregation.Whole(_finer.Within(from, until), _finer.Interval, bar);
    }

    private static IEnumerable<OkxBar> AllBars => OkxBars.Known.Select(name => OkxBars.TryGet(name, out var bar) ? bar : default);

    private string ServedNames => string.Join(", ", FinerBars.Concat(ServedBars).Select(b => b.Name));

    private static string NameOf(TimeSpan interval) => OkxBars.NameOf(interval) ?? interval.ToString();

    private static string Utc(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private Candle PeekNext()
    {
        // ReplayFeed has no peek: take the bar and step back by re-seeking just before it.
        _feed.TryNext(out var bar);
        _feed.SeekAfter(bar.TimestampMs - 1);
        return bar;
    }
}
