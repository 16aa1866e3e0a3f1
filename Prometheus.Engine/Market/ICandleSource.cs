namespace Prometheus.Engine.Market;

/// <summary>
/// A candle series read by time: what it spans is known up front, and its bars are handed out by range, so a
/// caller can be held to the part it may read (the research verb never asks for the holdout without --final).
/// </summary>
public interface ICandleSource
{
    /// <summary>The file's name or another label for reports.</summary>
    string Name { get; }

    /// <summary>The first bar's open time (Unix ms).</summary>
    long FirstOpenMs { get; }

    /// <summary>The last bar's close time: its open time plus the interval.</summary>
    long EndMs { get; }

    long IntervalMs { get; }

    /// <summary>The bars whose open time is in [<paramref name="fromMs"/>, <paramref name="toMs"/>), in order.</summary>
    IReadOnlyList<Candle> Read(long fromMs, long toMs);
}

/// <summary>A candle file read once into memory (it must hold at least two bars).</summary>
public sealed class CandleFileSource : ICandleSource
{
    private readonly Candle[] _bars;

    public CandleFileSource(string path)
    {
        _bars = [.. CandleFileReader.Read(path)];
        if (_bars.Length < 2)
            throw new CandleDataException($"{path} holds {_bars.Length} candle(s); at least 2 are needed");
        Name = Path.GetFileName(path);
        // The smallest step among the first bars: a gap right at the start does not pass for the interval.
        IntervalMs = long.MaxValue;
        for (var i = 1; i < Math.Min(_bars.Length, 100); i++)
            IntervalMs = Math.Min(IntervalMs, _bars[i].TimestampMs - _bars[i - 1].TimestampMs);
    }

    public string Name { get; }
    public long FirstOpenMs => _bars[0].TimestampMs;
    public long EndMs => _bars[^1].TimestampMs + IntervalMs;
    public long IntervalMs { get; }

    public IReadOnlyList<Candle> Read(long fromMs, long toMs)
    {
        var from = BarSearch.FirstAtOrAfter(_bars, fromMs);
        var to = BarSearch.FirstAtOrAfter(_bars, toMs);
        return new ArraySegment<Candle>(_bars, from, Math.Max(0, to - from));
    }
}
