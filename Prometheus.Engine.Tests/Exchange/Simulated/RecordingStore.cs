using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>
/// An in-memory <see cref="ISimulatedExchangeStore"/> that applies commits as the SQLite store does (upserts by
/// natural id, first-insertion order; bills by funding time then id, as the SQLite store reads them) and records each one: what it held and whether the exchange's Fills
/// channel had any fill at that moment. It can be told to fail.
/// </summary>
internal sealed class RecordingStore : ISimulatedExchangeStore
{
    private readonly List<SimulatedBalanceState> _balances = [];
    private readonly List<SimulatedPositionState> _positions = [];
    private readonly SortedDictionary<long, SimulatedOrderState> _orders = [];
    private readonly List<ExchangeFill> _fills = [];
    private readonly List<SimulatedBarState> _bars = [];
    private readonly List<FundingBill> _bills = [];
    private readonly List<SimulatedFundingState> _funding = [];
    private long? _lastOrdId;
    private long _lastTradeId;
    private long _lastBillId;

    public sealed record Commit(
        IReadOnlyList<SimulatedOrderState> Orders, IReadOnlyList<ExchangeFill> Fills, IReadOnlyList<SimulatedBalanceState> Balances,
        IReadOnlyList<SimulatedPositionState> Positions, IReadOnlyList<SimulatedBarState> Bars, bool CountersChanged,
        bool AnyFillOnChannel, IReadOnlyList<FundingBill> FundingBills, IReadOnlyList<SimulatedFundingState> Funding);

    public List<Commit> Commits { get; } = [];

    /// <summary>The exchange whose Fills channel is looked at during a commit.</summary>
    public SimulatedExchange? Exchange { get; set; }

    /// <summary>When set, Commit throws this instead of applying anything.</summary>
    public Exception? FailWith { get; set; }

    public bool Disposed { get; private set; }

    public string Location => "memory";

    public IReadOnlyList<ExchangeFill> Fills => _fills;

    public SimulatedExchangeState? Load() =>
        _lastOrdId is null
            ? null
            : new SimulatedExchangeState(_lastOrdId.Value, _lastTradeId, [.. _balances], [.. _positions], [.. _orders.Values], [.. _fills], [.. _bars],
                _lastBillId, [.. _bills.OrderBy(b => b.FundingTimeMs).ThenBy(b => long.Parse(b.BillId))], [.. _funding]);

    void ISimulatedExchangeStore.Commit(SimulatedExchangeChanges changes)
    {
        if (FailWith is { } failure)
            throw failure;
        Commits.Add(new Commit(
            [.. changes.Orders], [.. changes.Fills], [.. changes.Balances], [.. changes.Positions], [.. changes.Bars],
            changes.CountersChanged, Exchange is not null && Exchange.Fills.TryPeek(out _), [.. changes.FundingBills], [.. changes.Funding]));
        foreach (var order in changes.Orders)
            _orders[long.Parse(order.OrdId)] = order;
        _fills.AddRange(changes.Fills);
        foreach (var balance in changes.Balances)
            Upsert(_balances, balance, b => b.Ccy == balance.Ccy);
        foreach (var position in changes.Positions)
            Upsert(_positions, position, p => (p.InstId, p.PosSide) == (position.InstId, position.PosSide));
        foreach (var bar in changes.Bars)
            Upsert(_bars, bar, b => b.InstId == bar.InstId);
        _bills.AddRange(changes.FundingBills);
        foreach (var next in changes.Funding)
            Upsert(_funding, next, f => f.InstId == next.InstId);
        if (changes.CountersChanged)
            (_lastOrdId, _lastTradeId, _lastBillId) = (changes.LastOrdId, changes.LastTradeId, changes.LastBillId);
    }

    public void Dispose() => Disposed = true;

    private static void Upsert<T>(List<T> rows, T row, Predicate<T> sameKey)
    {
        var index = rows.FindIndex(sameKey);
        if (index < 0)
            rows.Add(row);
        else
            rows[index] = row;
    }
}
