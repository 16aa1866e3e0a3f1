namespace Prometheus.Engine.Market;

/// <summary>
/// Turns a stream of candles into one <see cref="MarketSnapshot"/> per bar: RSI, MACD, Bollinger Bands,
/// return, volatility and regime, all updated incrementally in O(1) per bar with no allocation after warm-up.
/// One instance per feed; not thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Bar interval and gaps.</b> The interval is the smallest positive step between consecutive
/// timestamps seen so far (the first step, until a smaller one appears). A bar is a gap bar
/// (<see cref="MarketSnapshot.IsGap"/>) when its step from the previous candle is larger than that.
/// Gap bars are otherwise processed like any bar: RSI, MACD and Bollinger treat them as the next bar,
/// the regime looks back by timestamp, and the return spans the gap. For the volatility window only,
/// a return spanning k intervals is scaled by 1/√k, so one multi-bar move does not inflate the per-bar
/// volatility for a whole window.</para>
/// <para><b>Zero-volume bars</b> (<see cref="Candle.IsEmpty"/>) are missing data, not trading: they update
/// the timestamp (and so gap detection), but no indicator. Their snapshot repeats the previous one
/// (including its Close, the last traded close) with the bar's timestamp, Return = 0, IsEmpty = true and its own
/// IsGap. The next real bar's return is measured from the last real close, and counts as spanning the empty bars
/// for the volatility scaling. An empty first bar yields neutral readings with the bar's own close.</para>
/// <para><b>Warm-up.</b> <see cref="MarketSnapshot.IsWarm"/> is true once RSI (RsiPeriod + 1 closes),
/// MACD (MacdSlow + MacdSignal − 1 closes), Bollinger (BollingerPeriod closes), volatility
/// (VolatilityWindow returns), the regime (a full RegimeWindowDays of history) and the trend (TrendDays of history) are all filled.
/// Before that, readings are defined as each indicator documents (RSI 50, %B 0.5, MACD parts 0,
/// volatility over the returns seen so far, regime against the oldest close).</para>
/// <para>Timestamps must increase strictly; a candle at or before the previous one throws.</para>
/// </remarks>
public sealed class MarketAnalyzer
{
    private readonly RelativeStrengthIndex _rsi;
    private readonly Macd _macd;
    private readonly BollingerBands _bollinger;
    private readonly RollingStatistics _returns;
    private readonly RegimeDetector _regime;
    private readonly double _trendMs;
    private double _trendAverage;
    private long _firstCloseTs;

    private bool _hasBar;
    private long _lastTs;
    private bool _hasClose;
    private double _lastClose;
    private long _lastCloseTs;
    private MarketSnapshot _last;

    public MarketAnalyzer(MarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string[] errors = options.Validate().ToArray();
        if (errors.Length > 0)
            throw new ArgumentException("Invalid market options: " + string.Join("; ", errors), nameof(options));

        _rsi = new RelativeStrengthIndex(options.RsiPeriod);
        _macd = new Macd(options.MacdFast, options.MacdSlow, options.MacdSignal);
        _bollinger = new BollingerBands(options.BollingerPeriod, options.BollingerWidth);
        _returns = new RollingStatistics(options.VolatilityWindow);
        _regime = new RegimeDetector(TimeSpan.FromDays(options.RegimeWindowDays));
        _trendMs = options.TrendDays * 86_400_000;
        _last = Neutral(0, 0m);
    }

    /// <summary>The detected bar interval in milliseconds; 0 until two candles have been seen.</summary>
    public long IntervalMs { get; private set; }

    /// <summary>How many candles <see cref="Update"/> has taken, empty ones included.</summary>
    public long BarCount { get; private set; }

    /// <summary>The snapshot returned by the last <see cref="Update"/> (neutral readings before any).</summary>
    public MarketSnapshot Last => _last;

    /// <summary>Takes the next candle and returns what the market looks like after it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The candle is not after the previous one, or a non-empty
    /// candle has a non-positive close.</exception>
    public MarketSnapshot Update(in Candle candle)
    {
        long ts = candle.TimestampMs;
        if (_hasBar && ts <= _lastTs)
            throw new ArgumentOutOfRangeException(nameof(candle), ts,
                $"candle timestamp must be after the previous one ({_lastTs})");
        bool isEmpty = candle.IsEmpty;
        if (!isEmpty && candle.Close <= 0m)
            throw new ArgumentOutOfRangeException(nameof(candle), candle.Close, "close must be a positive price");

        bool isGap = false;
        if (_hasBar)
        {
            long step = ts - _lastTs;
            if (IntervalMs == 0 || step < IntervalMs)
                IntervalMs = step;
            else if (step > IntervalMs)
                isGap = true;
        }

        _hasBar = true;
        _lastTs = ts;
        BarCount++;

        if (isEmpty)
        {
            _last = _hasClose
                ? _last with { TimestampMs = ts, Return = 0.0, IsGap = isGap, IsEmpty = true }
                : Neutral(ts, candle.Close) with { IsGap = isGap, IsEmpty = true };
            return _last;
        }

        double close = (double)candle.Close;
        double ret = 0.0;
        if (!_hasClose)
        {
            _trendAverage = close;
            _firstCloseTs = ts;
        }
        else
        {
            // A time-based exponential average: gaps weigh as the time they span.
            _trendAverage += (close - _trendAverage) * (1 - Math.Exp(-(ts - _lastCloseTs) / _trendMs));
            ret = close / _lastClose - 1.0;
            double spannedIntervals = IntervalMs > 0 ? (double)(ts - _lastCloseTs) / IntervalMs : 1.0;
            _returns.Add(spannedIntervals > 1.0 ? ret / Math.Sqrt(spannedIntervals) : ret);
        }
        _hasClose = true;
        _lastClose = close;
        _lastCloseTs = ts;

        _rsi.Add(close);
        _macd.Add(close);
        _bollinger.Add(close);
        MarketRegime regime = _regime.Update(ts, candle.Close);

        bool trendWarm = ts - _firstCloseTs >= _trendMs;
        bool isWarm = _rsi.IsReady && _macd.IsReady && _bollinger.IsReady && _returns.IsFull && _regime.IsWarm && trendWarm;
        double volatility = _returns.SampleStandardDeviation;
        double trendScale = IntervalMs > 0 ? volatility * Math.Sqrt(_trendMs / IntervalMs) : 0;
        double trend = trendWarm && trendScale > 1e-12 ? (close / _trendAverage - 1) / trendScale : 0;

        _last = new MarketSnapshot(
            TimestampMs: ts,
            Close: candle.Close,
            Rsi: _rsi.Value,
            MacdLine: _macd.Line,
            MacdSignal: _macd.Signal,
            MacdHistogram: _macd.Histogram,
            BollingerMiddle: _bollinger.Middle,
            BollingerUpper: _bollinger.Upper,
            BollingerLower: _bollinger.Lower,
            BollingerPercentB: _bollinger.PercentB,
            Return: ret,
            Volatility: volatility,
            RegimeChange: _regime.Change,
            Regime: regime,
            IsWarm: isWarm,
            IsGap: isGap,
            IsEmpty: false,
            Trend: trend,
            IntervalMs: IntervalMs);
        return _last;
    }

    private static MarketSnapshot Neutral(long ts, decimal close) => new(
        TimestampMs: ts,
        Close: close,
        Rsi: 50.0,
        MacdLine: 0.0,
        MacdSignal: 0.0,
        MacdHistogram: 0.0,
        BollingerMiddle: (double)close,
        BollingerUpper: (double)close,
        BollingerLower: (double)close,
        BollingerPercentB: 0.5,
        Return: 0.0,
        Volatility: 0.0,
        RegimeChange: 0.0,
        Regime: MarketRegime.Sideways,
        IsWarm: false,
        IsGap: false,
        IsEmpty: false);
}
