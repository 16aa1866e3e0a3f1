using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Ledger;

/// <summary>The latest price of each instrument, by its symbol, used to value open positions; 0 until one is seen.</summary>
public sealed class MarkPrices
{
    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);

    public decimal this[Instrument instrument]
    {
        get => this[instrument.InstId];
        set => _prices[instrument.InstId] = value;
    }

    public decimal this[string instId] => _prices.GetValueOrDefault(instId);

    /// <summary>Every mark seen, in symbol order (saved with the state).</summary>
    public IReadOnlyDictionary<string, decimal> Save() => new SortedDictionary<string, decimal>(_prices, StringComparer.Ordinal);

    public void Restore(IReadOnlyDictionary<string, decimal> marks)
    {
        _prices.Clear();
        foreach (var (instId, price) in marks) _prices[instId] = price;
    }
}
