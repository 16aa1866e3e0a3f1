using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>With a store, every change is committed, once per operation, before the acknowledgement and before its fills are published.</summary>
public sealed class SimulatedExchangeCommitTests
{
    private static (SimulatedExchangeKit Kit, RecordingStore Store) Durable(Action<SimulatedExchangeOptions>? configure = null)
    {
        var store = new RecordingStore();
        var kit = new SimulatedExchangeKit(configure, create: (options, clock, random) => SimulatedExchange.Open(store, options, clock, random));
        store.Exchange = kit.Exchange;
        return (kit, store);
    }

    /// <summary>Runs one operation; asserts it made exactly one commit, holding its fills while none was on the channel yet.</summary>
    private static List<ExchangeFill> OneCommit(SimulatedExchangeKit kit, RecordingStore store, Action operation)
    {
        var before = store.Commits.Count;
        operation();
        var fills = kit.DrainFills();
        Assert.Equal(before + 1, store.Commits.Count);
        var commit = store.Commits[^1];
        Assert.False(commit.AnyFillOnChannel);
        Assert.Equal(fills, commit.Fills);
        return fills;
    }

    [Fact]
    public void Opening_an_empty_store_commits_the_initial_account()
    {
        var (kit, store) = Durable();

        var commit = Assert.Single(store.Commits);
        Assert.Equal([new SimulatedBalanceState("USDT", 100_000m, 0m), new SimulatedBalanceState("BTC", 0m, 0m)], commit.Balances);
        Assert.Equal(2, commit.Positions.Count);
        Assert.True(commit.CountersChanged);
        Assert.Equal(kit.Exchange.Capture(), store.Load());
    }

    [Fact]
    public void A_market_fill_is_committed_before_the_ack_returns_and_before_it_is_published()
    {
        var (kit, store) = Durable();
        kit.Feed(Bar(50_000m));

        var fills = OneCommit(kit, store, () => Assert.True(kit.Market(Spot, "b1", OrderSide.Buy, 0.5m).Accepted));

        var fill = Assert.Single(fills);
        var commit = store.Commits[^1];
        Assert.Equal(kit.Order(Spot, "b1"), commit.Orders.Single().ToExchangeOrder());
        Assert.Equal(kit.Exchange.GetBalancesAsync().Done().Select(b => (b.Ccy, b.Total, b.Frozen)), commit.Balances.Select(b => (b.Ccy, b.Total, b.Frozen)));
        Assert.True(commit.CountersChanged);
        Assert.Equal(2, commit.Bars.Count);   // the bars ride along
        Assert.Equal(fill, store.Fills[^1]);
    }

    [Fact]
    public void Every_kind_of_operation_commits_once_before_it_answers()
    {
        var (kit, store) = Durable();
        var exchange = kit.Exchange;
        exchange.BarCommitInterval = TimeSpan.MaxValue;   // bars ride along only
        kit.Feed(Bar(50_000m));

        OneCommit(kit, store, () => exchange.SetLeverageAsync(Swap, PositionSide.Long, 100m).Done());
        Assert.Equal(100m, store.Commits[^1].Positions.Single().Leverage);
        OneCommit(kit, store, () => kit.Limit(Spot, "l1", OrderSide.Buy, 0.1m, 49_000m));
        OneCommit(kit, store, () => exchange.CancelOrderAsync(Spot, null, "l1").Done());
        Assert.Equal(OrderState.Canceled, store.Commits[^1].Orders.Single().State);
        OneCommit(kit, store, () => kit.Limit(Spot, "l2", OrderSide.Buy, 0.1m, 49_000m));
        Assert.Single(OneCommit(kit, store, () => kit.Feed(Bar(49_500m, low: 48_900m))));          // a resting limit filled by a bar
        OneCommit(kit, store, () => kit.Market(Swap, "o1", OrderSide.Buy, 10m, PositionSide.Long));
        Assert.True(Assert.Single(OneCommit(kit, store, () => kit.Feed(Bar(49_000m, low: 48_000m)))).IsLiquidation);
        Assert.Single(OneCommit(kit, store, () => exchange.ManualOrder(Swap, OrderSide.Sell, PositionSide.Short, 5m)));
        OneCommit(kit, store, () => kit.Limit(Swap, "c1", OrderSide.Buy, 2m, 40_000m, PositionSide.Short));
        Assert.Single(OneCommit(kit, store, () => exchange.ClosePositionByHand(Swap, PositionSide.Short)));
        Assert.Contains(store.Commits[^1].Orders, o => o.ClOrdId == "c1" && o.State == OrderState.Canceled);   // in the same commit
        Assert.Single(OneCommit(kit, store, () => exchange.ManualOrder(Swap, OrderSide.Buy, PositionSide.Long, 5m)));
        Assert.True(Assert.Single(OneCommit(kit, store, () => exchange.Liquidate(Swap, PositionSide.Long))).IsLiquidation);

        Assert.Equal(exchange.Capture(), SimulatedExchange.Restore(store.Load()!, kit.Options, kit.Clock, new Random(1)).Capture());
    }

    [Fact]
    public void A_rejected_order_or_a_quiet_bar_commits_nothing()
    {
        var (kit, store) = Durable();
        kit.Exchange.BarCommitInterval = TimeSpan.MaxValue;
        kit.Feed(Bar(50_000m));
        var commits = store.Commits.Count;

        Assert.Equal(OkxErrorCodes.InsufficientBalance, kit.Market(Spot, "b1", OrderSide.Buy, 9m).Code);
        Assert.Equal(OkxErrorCodes.OrderNotFound, kit.Exchange.CancelOrderAsync(Spot, "77", null).Done().Code);
        kit.Feed(Bar(50_100m));

        Assert.Equal(commits, store.Commits.Count);
    }

    [Fact]
    public void A_bar_alone_is_committed_at_most_once_per_interval()
    {
        var (kit, store) = Durable();
        var exchange = kit.Exchange;
        exchange.BarCommitInterval = TimeSpan.Zero;

        exchange.OnBar(Spot, Bar(50_000m));
        Assert.Equal([new SimulatedBarState(Spot, Bar(50_000m))], store.Commits[^1].Bars);
        var commits = store.Commits.Count;
        exchange.OnBar(Spot, Bar(50_000m));   // the same bar: nothing changed
        Assert.Equal(commits, store.Commits.Count);

        exchange.BarCommitInterval = TimeSpan.FromHours(1);
        exchange.OnBar(Spot, Bar(50_200m));
        Assert.Equal(commits, store.Commits.Count);
        Assert.Equal(Bar(50_000m), store.Load()!.Bars.Single().Bar);
        kit.Market(Spot, "b1", OrderSide.Buy, 0.1m);
        Assert.Equal(Bar(50_200m), store.Load()!.Bars.Single().Bar);
    }

    [Fact]
    public void A_failed_commit_publishes_nothing_and_stops_the_exchange()
    {
        var (kit, store) = Durable();
        kit.Feed(Bar(50_000m));
        kit.Market(Spot, "b1", OrderSide.Buy, 0.1m);
        kit.DrainFills();
        var committed = store.Load();
        store.FailWith = new IOException("disk full");

        var error = Assert.Throws<ExchangeStoreException>(() => kit.Market(Spot, "b2", OrderSide.Buy, 0.1m));

        Assert.Contains("disk full", error.Message);
        Assert.IsType<IOException>(error.InnerException);
        Assert.False(kit.Exchange.Fills.TryRead(out _));
        Assert.Equal(committed, store.Load());
        store.FailWith = null;
        Assert.Throws<ExchangeStoreException>(() => kit.Exchange.GetBalancesAsync());
        Assert.Throws<ExchangeStoreException>(() => kit.Exchange.OnBar(Spot, Bar(50_000m)));
        Assert.Throws<ExchangeStoreException>(() => kit.Market(Spot, "b3", OrderSide.Buy, 0.1m));

        // Reopened from the store, the exchange is as it was before the failed operation: b2 never happened.
        var reopened = SimulatedExchange.Open(store, kit.Options, kit.Clock, new Random(1));
        Assert.Null(reopened.GetOrderAsync(Spot, null, "b2").Done());
        Assert.NotNull(reopened.GetOrderAsync(Spot, null, "b1").Done());
    }

    [Fact]
    public void The_same_script_gives_the_same_fills_with_a_store_as_without()
    {
        var plain = new SimulatedExchangeKit();
        var (durable, store) = Durable();

        RichSession.Run(plain);
        RichSession.Run(durable);

        Assert.Equal(plain.DrainFills(), durable.DrainFills());
        Assert.Equal(plain.Exchange.Capture(), durable.Exchange.Capture());
        Assert.Equal(durable.Exchange.Capture(), SimulatedExchange.Restore(store.Load()!, durable.Options, durable.Clock, new Random(1)).Capture());
    }

    [Fact]
    public void Dispose_commits_the_last_bars_and_closes_an_owned_store_only()
    {
        var (kit, store) = Durable();
        kit.Exchange.BarCommitInterval = TimeSpan.MaxValue;
        kit.Feed(Bar(51_000m));

        kit.Exchange.Dispose();

        Assert.Equal(2, store.Load()!.Bars.Count);
        Assert.False(store.Disposed);   // opened on a store the caller owns
        Assert.Throws<ObjectDisposedException>(() => kit.Market(Spot, "b1", OrderSide.Buy, 0.1m));
    }
}

internal static class SimulatedOrderStateExtensions
{
    public static ExchangeOrder ToExchangeOrder(this SimulatedOrderState o) => new(
        o.OrdId, o.ClOrdId, o.InstId, o.Side, o.PosSide, o.Type, o.Size, o.Price, o.FilledSize,
        o.FilledSize == 0m ? 0m : decimal.Round(o.FilledNotional / (o.FilledSize * TestInstruments.Get(o.InstId).ContractValue), 12, MidpointRounding.AwayFromZero),
        o.Fee, o.State, o.CreatedMs, o.UpdatedMs);
}
