namespace Prometheus.Web.Dashboard;

/// <summary>One point of an equity curve: market time (Unix ms) and equity.</summary>
public readonly record struct EquityPoint(long TimeMs, decimal Equity);

/// <summary>
/// An equity curve of bounded size that still covers the whole time it has run: when full, every other point is
/// dropped and only every second point after that is kept (the resolution halves, the span does not shrink). A
/// week of 20 bars/s stays at most <c>capacity</c> points, so a chart never receives more than that.
/// </summary>
public sealed class EquitySeries(int capacity = 2000)
{
    private readonly List<EquityPoint> _points = new(capacity);
    private int _keepEvery = 1, _skipped;

    public int Count => _points.Count;
    public EquityPoint? Last => _points.Count == 0 ? null : _points[^1];

    /// <summary>Adds a point; false when it was thinned out (the chart need not hear of it).</summary>
    public bool Add(EquityPoint point)
    {
        if (_points.Count > 0 && point.TimeMs <= _points[^1].TimeMs)
        {
            // Same bar again (a status published twice): keep the newest value, the time axis must only grow.
            if (point.TimeMs == _points[^1].TimeMs) _points[^1] = point;
            return point.TimeMs == _points[^1].TimeMs;
        }
        if (++_skipped < _keepEvery) return false;
        _skipped = 0;
        if (_points.Count == capacity)
        {
            for (var i = 0; i < _points.Count / 2; i++) _points[i] = _points[i * 2 + 1];
            _points.RemoveRange(_points.Count / 2, _points.Count - _points.Count / 2);
            _keepEvery *= 2;
        }
        _points.Add(point);
        return true;
    }

    public EquityPoint[] ToArray() => [.. _points];
}
