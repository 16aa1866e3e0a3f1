namespace Prometheus.Engine.Supervision;

/// <summary>
/// Each traded coin's price at one moment (the mark of its first traded instrument, as the market of that coin is
/// driven), in the traded order: what holding the traded coins is measured by. Coins without a price yet are left out.
/// Equal when the same coins have the same prices, so an equity point read back equals the one written.
/// </summary>
public sealed class CoinPrices : IEquatable<CoinPrices>
{
    public CoinPrices(IEnumerable<KeyValuePair<string, decimal>> prices) => Items = [.. prices];

    public IReadOnlyList<KeyValuePair<string, decimal>> Items { get; }

    /// <summary>The coin's price, or null when this moment had none.</summary>
    public decimal? this[string coin]
    {
        get
        {
            foreach (var (name, price) in Items)
                if (string.Equals(name, coin, StringComparison.Ordinal)) return price;
            return null;
        }
    }

    public bool Equals(CoinPrices? other) => other is not null && Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => Equals(obj as CoinPrices);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items) hash.Add(item);
        return hash.ToHashCode();
    }
}
