using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Exchange.Simulated.Persistence;
using Prometheus.Engine.Market;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>
/// Funding with a store: a settlement is committed in one piece (bills, balance, next funding time) before anything
/// is published, and an exchange reopened from its store settles each funding time exactly once, whether it was
/// killed after the commit (before any client read the bill) or the commit failed.
/// </summary>
public sealed class SimulatedExchangeFundingDurabilityTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly FundingRates Rates = FundingRates.Flat(0.0001m);
    private readonly TempDirectory _dir = new();
    private readonly List<IDisposable> _open = [];

    public void Dispose()
    {
        foreach (var item in _open)
            item.Dispose();
        _dir.Dispose();
    }

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static void SwapBar(SimulatedExchangeKit kit, SimulatedExchange exchange, DateTimeOffset at, decimal close = 40_000m)
    {
        kit.Clock.SetUtcNow(at);
        exchange.OnBar(Swap, Bar(close, volume: 1_000m));
    }

    /// <summary>A long of 10 and a short of 4 held from half an hour before T.</summary>
    private static void HoldOverT(SimulatedExchangeKit kit)
    {
        SwapBar(kit, kit.Exchange, T.AddMinutes(-30));
        Assert.True(kit.Market(Swap, "l1", OrderSide.Buy, 10m, PositionSide.Long).Accepted);
        Assert.True(kit.Market(Swap, "s1", OrderSide.Sell, 4m, PositionSide.Short).Accepted);
        kit.DrainFills();
    }

    [Fact]
    public void The_bar_that_reaches_a_funding_time_commits_its_bills_the_balance_and_the_next_funding_time_in_one_commit()
    {
        var store = new RecordingStore();
        var kit = new SimulatedExchangeKit(create: (options, clock, random) => SimulatedExchange.Open(store, options, clock, random, funding: Rates));
        kit.Exchange.BarCommitInterval = TimeSpan.MaxValue;   // a bar alone would not be committed
        HoldOverT(kit);
        var commits = store.Commits.Count;

        SwapBar(kit, kit.Exchange, T);

        var commit = Assert.Single(store.Commits.Skip(commits));
        Assert.Equal(kit.Exchange.GetFundingBillsAsync().Done(), commit.FundingBills);
        Assert.Equal(2, commit.FundingBills.Count);
        Assert.Equal([new SimulatedFundingState(Swap, Ms(T.AddHours(8)))], commit.Funding);
        Assert.Equal(kit.Balance("USDT").Total, commit.Balances.Single(b => b.Ccy == "USDT").Total);
        Assert.True(commit.CountersChanged);
        Assert.Equal(kit.Exchange.Capture(), store.Load());
    }

    [Fact]
    public void A_funding_time_passed_with_nothing_held_is_committed_too_so_a_restart_does_not_charge_a_later_position_for_it()
    {
        var store = new RecordingStore();
        var kit = new SimulatedExchangeKit(create: (options, clock, random) => SimulatedExchange.Open(store, options, clock, random, funding: Rates));
        kit.Exchange.BarCommitInterval = TimeSpan.MaxValue;
        SwapBar(kit, kit.Exchange, T.AddMinutes(-30));
        SwapBar(kit, kit.Exchange, T);                                        // nothing held: no bill, but T is done
        Assert.Equal(Ms(T.AddHours(8)), store.Load()!.Funding.Single().NextFundingMs);

        var reopened = SimulatedExchange.Open(store, kit.Options, kit.Clock, new Random(1), funding: Rates);
        kit.Exchange = reopened;
        kit.Market(Swap, "l1", OrderSide.Buy, 1m, PositionSide.Long);        // opened after T
        SwapBar(kit, reopened, T.AddMinutes(15));

        Assert.Empty(reopened.GetFundingBillsAsync().Done());
    }

    [Fact]
    public void Killed_after_the_commit_and_before_any_client_read_the_bills_the_reopened_exchange_has_them_once_and_charges_no_more()
    {
        var path = _dir.File(SqliteSimulatedExchangeStore.DefaultFileName);
        var kit = new SimulatedExchangeKit(create: (options, clock, random) => SimulatedExchange.Open(path, options, clock, random, funding: Rates));
        _open.Add(kit.Exchange);
        HoldOverT(kit);
        SwapBar(kit, kit.Exchange, T);
        var balance = kit.Balance("USDT").Total;
        var expected = kit.Exchange.Capture();

        // The kill: the first exchange is never disposed nor asked for its bills; a new process opens the file.
        var reopened = SimulatedExchange.Open(path, kit.Options, kit.Clock, new Random(1), funding: Rates);
        _open.Add(reopened);

        Assert.Equal(expected, reopened.Capture());
        var bills = reopened.GetFundingBillsAsync(sinceMs: Ms(T.AddHours(-8))).Done();
        Assert.Equal([(PositionSide.Long, -0.4m), (PositionSide.Short, 0.16m)], bills.Select(b => (b.PosSide, b.BalanceChange)));
        SwapBar(kit, reopened, T);                                            // the feed replays the bar at T
        SwapBar(kit, reopened, T.AddMinutes(15));
        Assert.Equal(bills, reopened.GetFundingBillsAsync().Done());
        Assert.Equal(balance, reopened.GetBalancesAsync().Done().Single(b => b.Ccy == "USDT").Total);

        SwapBar(kit, reopened, T.AddHours(8));                                // the next funding time, once
        Assert.Equal(["1", "2", "3", "4"], reopened.GetFundingBillsAsync().Done().Select(b => b.BillId));
        Assert.Equal(balance - 0.4m + 0.16m, reopened.GetBalancesAsync().Done().Single(b => b.Ccy == "USDT").Total);
    }

    [Fact]
    public void When_the_commit_of_a_settlement_fails_the_reopened_exchange_settles_that_funding_time_once()
    {
        var store = new RecordingStore();
        var kit = new SimulatedExchangeKit(create: (options, clock, random) => SimulatedExchange.Open(store, options, clock, random, funding: Rates));
        HoldOverT(kit);
        var before = store.Load()!;
        store.FailWith = new IOException("disk full");

        Assert.Throws<ExchangeStoreException>(() => SwapBar(kit, kit.Exchange, T));

        store.FailWith = null;
        Assert.Equal(before, store.Load());                                   // nothing of it reached the store
        var reopened = SimulatedExchange.Open(store, kit.Options, kit.Clock, new Random(1), funding: Rates);
        Assert.Empty(reopened.GetFundingBillsAsync().Done());
        SwapBar(kit, reopened, T);
        SwapBar(kit, reopened, T.AddMinutes(15));
        Assert.Equal([("1", Ms(T)), ("2", Ms(T))], reopened.GetFundingBillsAsync().Done().Select(b => (b.BillId, b.FundingTimeMs)));
        Assert.Equal(reopened.Capture(), store.Load());
    }
}
