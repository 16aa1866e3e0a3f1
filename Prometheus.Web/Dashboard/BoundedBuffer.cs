namespace Prometheus.Web.Dashboard;

/// <summary>
/// The newest <see cref="Capacity"/> items, oldest dropped first: what a page shows of an unbounded stream (fills,
/// births, deaths) without letting memory grow with it. Not thread-safe: one writer (the event pump) swaps in copies.
/// </summary>
public sealed class BoundedBuffer<T>(int capacity)
{
    private readonly T[] _items = new T[capacity];
    private int _start, _count;

    public int Capacity => _items.Length;
    public int Count => _count;

    public void Add(T item)
    {
        if (_count < _items.Length)
        {
            _items[(_start + _count++) % _items.Length] = item;
            return;
        }
        _items[_start] = item;
        _start = (_start + 1) % _items.Length;
    }

    /// <summary>Newest first.</summary>
    public T[] NewestFirst(int max = int.MaxValue)
    {
        var n = Math.Min(max, _count);
        var result = new T[n];
        for (var i = 0; i < n; i++)
            result[i] = _items[(_start + _count - 1 - i) % _items.Length];
        return result;
    }
}
