using System.Text.Json;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

public sealed class SimulatedExchangeStateTests
{
    private static (SimulatedExchangeKit Kit, SimulatedExchangeState State) Session()
    {
        var kit = new SimulatedExchangeKit();
        RichSession.Run(kit);
        return (kit, kit.Exchange.Capture());
    }

    private static SimulatedExchange Restored(SimulatedExchangeKit kit, SimulatedExchangeState state) =>
        SimulatedExchange.Restore(state, kit.Options, kit.Clock, new Random(1));

    [Fact]
    public void Capture_restore_capture_gives_an_equal_state()
    {
        var (kit, state) = Session();

        var again = Restored(kit, state).Capture();

        Assert.Equal(state, again);
        Assert.Equal(state.Orders, again.Orders);   // element by element, not by reference
        Assert.True(state.Orders.Count >= 15 && state.Fills.Count >= 12);
    }

    [Fact]
    public void A_restored_exchange_answers_every_query_as_the_original()
    {
        var (kit, state) = Session();
        var original = kit.Exchange;

        var restored = Restored(kit, state);

        foreach (var order in state.Orders)
        {
            Assert.Equal(original.GetOrderAsync(order.InstId, order.OrdId, null).Done(), restored.GetOrderAsync(order.InstId, order.OrdId, null).Done());
            if (order.ClOrdId != "")
                Assert.Equal(original.GetOrderAsync(order.InstId, null, order.ClOrdId).Done(), restored.GetOrderAsync(order.InstId, null, order.ClOrdId).Done());
        }
        foreach (var instId in (string?[])[null, Spot, Swap])
        {
            Assert.Equal(original.GetFillsAsync(instId).Done(), restored.GetFillsAsync(instId).Done());
            Assert.Equal(original.GetFillsAsync(instId, sinceMs: state.Fills[5].TimestampMs).Done(), restored.GetFillsAsync(instId, sinceMs: state.Fills[5].TimestampMs).Done());
            Assert.Equal(original.GetPositionsAsync(instId).Done(), restored.GetPositionsAsync(instId).Done());
            Assert.Equal(original.GetPendingOrdersAsync(instId).Done(), restored.GetPendingOrdersAsync(instId).Done());
            Assert.Equal(original.GetOrderHistoryAsync(instId).Done(), restored.GetOrderHistoryAsync(instId).Done());
        }
        Assert.Equal(original.GetBalancesAsync().Done(), restored.GetBalancesAsync().Done());
        Assert.Equal(original.TotalEquityUsdt(), restored.TotalEquityUsdt());
        Assert.Equal(original.LastPrice(Spot), restored.LastPrice(Spot));
        Assert.Equal(original.LastPrice(Swap), restored.LastPrice(Swap));
        Assert.False(restored.Fills.TryRead(out _));   // nothing old is published again
    }

    [Fact]
    public void A_restored_exchange_behaves_as_the_original_from_there()
    {
        var (kit, state) = Session();
        var twin = new SimulatedExchangeKit(create: (options, clock, random) => SimulatedExchange.Restore(state, options, clock, random));
        twin.Clock.Advance(kit.Clock.GetUtcNow() - twin.Clock.GetUtcNow());
        kit.DrainFills();

        foreach (var k in new[] { kit, twin })
        {
            Assert.Equal(OkxErrorCodes.DuplicateClOrdId, k.Market(Spot, "s1", OrderSide.Buy, 0.01m).Code);
            Assert.Equal(OkxErrorCodes.DuplicateClOrdId, k.Market(Swap, "w3", OrderSide.Buy, 1m, PositionSide.Long).Code);
            Assert.True(k.Market(Swap, "n1", OrderSide.Buy, 2m, PositionSide.Long).Accepted);
            k.Feed(Bar(47_000m, volume: 50m, low: 46_500m, high: 52_500m));    // fills w3's rest and s4
            Assert.True(k.Exchange.CancelOrderAsync(Swap, null, "n1").Done().Code == OkxErrorCodes.AlreadyFilled);
            Assert.True(k.Limit(Spot, "n2", OrderSide.Buy, 0.05m, 46_000m).Accepted);
        }

        var next = twin.Order(Swap, "n1");
        Assert.Equal((state.LastOrdId + 1).ToString(), next.OrdId);
        Assert.Equal((state.LastTradeId + 1).ToString(), twin.DrainFills()[0].TradeId);
        Assert.Equal(kit.Exchange.Capture(), twin.Exchange.Capture());
    }

    [Fact]
    public void The_state_round_trips_through_json()
    {
        var (_, state) = Session();

        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<SimulatedExchangeState>(json);

        Assert.Equal(state, back);
    }

    [Fact]
    public void A_fresh_exchange_captures_its_initial_balance_flat_positions_and_zero_counters()
    {
        var kit = new SimulatedExchangeKit(o => o.DefaultLeverage = 5m);

        var state = kit.Exchange.Capture();

        Assert.Equal((0L, 0L), (state.LastOrdId, state.LastTradeId));
        Assert.Equal([new SimulatedBalanceState("USDT", 100_000m, 0m), new SimulatedBalanceState("BTC", 0m, 0m)], state.Balances);
        Assert.Equal(
            [new SimulatedPositionState(Swap, PositionSide.Long, 5m, 0m, 0m, 0m, 0m, SimulatedMarginMode.Isolated, 5m),
                new SimulatedPositionState(Swap, PositionSide.Short, 5m, 0m, 0m, 0m, 0m, SimulatedMarginMode.Isolated, 5m)],
            state.Positions);
        Assert.Empty(state.Orders);
        Assert.Empty(state.Fills);
        Assert.Empty(state.Bars);
    }

    [Fact]
    public void Restore_refuses_an_inconsistent_state()
    {
        var (kit, state) = Session();
        var spotOnly = new[] { TestInstruments.BtcUsdt };

        Assert.Throws<ArgumentException>(() => SimulatedExchange.Restore(state, kit.Options, kit.Clock, new Random(1), spotOnly));
        Assert.Throws<ArgumentException>(() => Restored(kit, state with { LastOrdId = 3 }));
        Assert.Throws<ArgumentException>(() => Restored(kit, state with { Orders = [.. state.Orders, state.Orders[0]] }));
        Assert.Throws<ArgumentException>(() => Restored(kit, state with { Orders = state.Orders.Skip(1).ToList() }));   // fills of a missing order
        Assert.Throws<ArgumentException>(() => Restored(kit, state with { Fills = [.. state.Fills, state.Fills[0]] }));
        Assert.Throws<ArgumentException>(() => Restored(kit, state with { Orders = [.. state.Orders.Select(o => o with { OrdId = "0" + o.OrdId })] }));
    }
}
