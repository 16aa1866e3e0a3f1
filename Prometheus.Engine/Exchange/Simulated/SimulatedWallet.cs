namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Cash balances per currency. <see cref="Total"/> includes <see cref="Frozen"/> (funds reserved by resting
/// orders), as OKX's cashBal includes frozenBal. Isolated swap margin is NOT part of the USDT total: it sits
/// in the positions (see <see cref="SimulatedPosition.Margin"/>).
/// </summary>
internal sealed class SimulatedWallet
{
    private readonly Dictionary<string, Holding> _holdings = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public void Add(string ccy, decimal initial)
    {
        if (_holdings.ContainsKey(ccy))
            return;
        _holdings[ccy] = new Holding { Total = initial };
        _order.Add(ccy);
    }

    public Holding this[string ccy] => _holdings[ccy];

    /// <summary>Forgets every currency (before a restore puts the saved ones back, in their saved order).</summary>
    public void Clear()
    {
        _holdings.Clear();
        _order.Clear();
    }

    /// <summary>Currencies in the order they were added (quote currency first).</summary>
    public IReadOnlyList<string> Currencies => _order;

    public sealed class Holding
    {
        public decimal Total { get; set; }
        public decimal Frozen { get; set; }
        public decimal Available => Total - Frozen;

        public ExchangeBalance ToRecord(string ccy) => new(ccy, Total, Available, Frozen);

        public SimulatedBalanceState ToState(string ccy) => new(ccy, Total, Frozen);
    }
}
