namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// What one exchange operation changed, for <see cref="ISimulatedExchangeStore.Commit"/>: the orders it created or
/// modified, the fills and funding bills it produced, the balances, positions, bars and swaps' next funding times
/// that differ from the last commit, and the id counters. Applying every commit in turn to an empty store gives the exchange's state (see
/// <see cref="SimulatedExchangeState"/>). One instance is reused from commit to commit.
/// </summary>
public sealed class SimulatedExchangeChanges
{
    internal readonly List<SimulatedOrderState> OrderList = [];
    internal readonly List<ExchangeFill> FillList = [];
    internal readonly List<SimulatedBalanceState> BalanceList = [];
    internal readonly List<SimulatedPositionState> PositionList = [];
    internal readonly List<SimulatedBarState> BarList = [];
    internal readonly List<FundingBill> FundingBillList = [];
    internal readonly List<SimulatedFundingState> FundingList = [];

    /// <summary>Orders created or modified, new ones and updates alike (upsert by ordId), ordId ascending.</summary>
    public IReadOnlyList<SimulatedOrderState> Orders => OrderList;

    /// <summary>New fills, in production order (tradeId ascending); a fill never changes once made.</summary>
    public IReadOnlyList<ExchangeFill> Fills => FillList;

    /// <summary>Balances whose total or frozen amount changed, in the wallet's order.</summary>
    public IReadOnlyList<SimulatedBalanceState> Balances => BalanceList;

    /// <summary>Positions whose size, price, margin, reservation or leverage changed.</summary>
    public IReadOnlyList<SimulatedPositionState> Positions => PositionList;

    /// <summary>Instruments whose last bar changed since the last commit.</summary>
    public IReadOnlyList<SimulatedBarState> Bars => BarList;

    /// <summary>New funding bills, in the order they were settled (billId ascending); a bill never changes once made.</summary>
    public IReadOnlyList<FundingBill> FundingBills => FundingBillList;

    /// <summary>Swaps whose next funding time changed (upsert by instId).</summary>
    public IReadOnlyList<SimulatedFundingState> Funding => FundingList;

    /// <summary>Whether <see cref="LastOrdId"/>, <see cref="LastTradeId"/> or <see cref="LastBillId"/> moved since the last commit.</summary>
    public bool CountersChanged { get; internal set; }

    public long LastOrdId { get; internal set; }

    public long LastTradeId { get; internal set; }

    public long LastBillId { get; internal set; }

    /// <summary>Anything other than bars (which ride along with the next commit, or are committed on their own now and then).</summary>
    public bool HasAccountChanges =>
        CountersChanged || OrderList.Count > 0 || FillList.Count > 0 || BalanceList.Count > 0 || PositionList.Count > 0
        || FundingBillList.Count > 0 || FundingList.Count > 0;

    internal void Clear()
    {
        OrderList.Clear();
        FillList.Clear();
        BalanceList.Clear();
        PositionList.Clear();
        BarList.Clear();
        FundingBillList.Clear();
        FundingList.Clear();
        CountersChanged = false;
    }
}
