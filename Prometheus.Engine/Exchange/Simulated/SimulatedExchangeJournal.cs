using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// What a simulated exchange with a store remembers between commits: the orders touched since the last commit,
/// how many fills are committed (and so published), the funding bills made since, and the balances, positions, bars,
/// next funding times and counters as last committed, so that a commit carries only what changed. An exchange without a store has none (null), which
/// keeps backtests free of any of this.
/// </summary>
internal sealed class SimulatedExchangeJournal(ISimulatedExchangeStore store, bool ownsStore)
{
    public ISimulatedExchangeStore Store { get; } = store;

    public bool OwnsStore { get; } = ownsStore;

    public SimulatedExchangeChanges Changes { get; } = new();

    /// <summary>Orders created or modified since the last commit, each once.</summary>
    public List<SimulatedOrder> DirtyOrders { get; } = [];

    /// <summary>Fills [0, CommittedFills) of the fill history are committed and published on the Fills channel.</summary>
    public int CommittedFills { get; set; }

    public Dictionary<string, SimulatedBalanceState> Balances { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string InstId, PositionSide PosSide), SimulatedPositionState> Positions { get; } = [];

    public Dictionary<string, Candle> Bars { get; } = new(StringComparer.Ordinal);

    /// <summary>Funding bills settled since the last commit, in bill id order.</summary>
    public List<FundingBill> NewBills { get; } = [];

    /// <summary>Each swap's next funding time as last committed.</summary>
    public Dictionary<string, long> NextFunding { get; } = new(StringComparer.Ordinal);

    /// <summary>A swap's next funding time moved since the last commit: a bar that did so is committed at once.</summary>
    public bool FundingMoved { get; set; }

    public long LastOrdId { get; set; } = -1;

    public long LastTradeId { get; set; } = -1;

    public long LastBillId { get; set; } = -1;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of the last commit.</summary>
    public long LastCommitTimestamp { get; set; }

    /// <summary>The commit that failed: the exchange's memory is ahead of its store, so it refuses every call.</summary>
    public Exception? Failure { get; set; }

    public bool Disposed { get; set; }

    public void Touch(SimulatedOrder order)
    {
        if (order.Uncommitted)
            return;
        order.Uncommitted = true;
        DirtyOrders.Add(order);
    }

    /// <summary>Takes a loaded state as what the store holds.</summary>
    public void Baseline(SimulatedExchangeState state, int fillCount)
    {
        LastOrdId = state.LastOrdId;
        LastTradeId = state.LastTradeId;
        LastBillId = state.LastBillId;
        foreach (var next in state.Funding)
            NextFunding[next.InstId] = next.NextFundingMs;
        foreach (var balance in state.Balances)
            Balances[balance.Ccy] = balance;
        foreach (var position in state.Positions)
            Positions[(position.InstId, position.PosSide)] = position;
        foreach (var bar in state.Bars)
            Bars[bar.InstId] = bar.Bar;
        CommittedFills = fillCount;
    }

    /// <summary>Records a successful commit of <see cref="Changes"/>.</summary>
    public void Committed(int fillCount, long timestamp)
    {
        var changes = Changes;
        foreach (var balance in changes.BalanceList)
            Balances[balance.Ccy] = balance;
        foreach (var position in changes.PositionList)
            Positions[(position.InstId, position.PosSide)] = position;
        foreach (var bar in changes.BarList)
            Bars[bar.InstId] = bar.Bar;
        foreach (var next in changes.FundingList)
            NextFunding[next.InstId] = next.NextFundingMs;
        NewBills.Clear();
        FundingMoved = false;
        LastOrdId = changes.LastOrdId;
        LastTradeId = changes.LastTradeId;
        LastBillId = changes.LastBillId;
        CommittedFills = fillCount;
        LastCommitTimestamp = timestamp;
    }
}
