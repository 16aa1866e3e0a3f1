using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

public sealed class SimulatedExchangeDeterminismTests
{
    /// <summary>A scripted session: a random walk of bars with market and limit orders on both instruments.</summary>
    private static (List<ExchangeFill> Fills, decimal Equity) Run(int seed)
    {
        var kit = new SimulatedExchangeKit(o => o.RandomSlippageBps = 2m, seed);
        var script = new Random(12345);   // the script is fixed; only the exchange's seed varies
        var price = 50_000m;
        for (var i = 0; i < 200; i++)
        {
            price += script.Next(-300, 301);
            var low = price - script.Next(0, 400);
            var high = price + script.Next(0, 400);
            kit.Feed(new Candle(i, price, high, low, price, script.Next(0, 50)));
            var id = $"o{i}";
            switch (script.Next(6))
            {
                case 0: kit.Market(Spot, id, OrderSide.Buy, 0.05m); break;
                case 1: kit.Market(Spot, id, OrderSide.Sell, 0.05m); break;
                case 2: kit.Market(Swap, id, OrderSide.Buy, 5m, PositionSide.Long); break;
                case 3: kit.Market(Swap, id, OrderSide.Sell, 5m, PositionSide.Long); break;
                case 4: kit.Limit(Swap, id, OrderSide.Sell, 3m, price + 100m, PositionSide.Short); break;
                default: kit.Limit(Spot, id, OrderSide.Buy, 0.03m, price - 100m); break;
            }
        }
        return (kit.DrainFills(), kit.Exchange.TotalEquityUsdt());
    }

    [Fact]
    public void Same_seed_and_calls_give_identical_fills()
    {
        var first = Run(seed: 42);
        var second = Run(seed: 42);

        Assert.True(first.Fills.Count > 50);
        Assert.Equal(first.Fills, second.Fills);
        Assert.Equal(first.Equity, second.Equity);
    }

    [Fact]
    public void A_different_seed_gives_different_prices()
    {
        Assert.NotEqual(
            Run(seed: 42).Fills.Select(f => f.Price),
            Run(seed: 43).Fills.Select(f => f.Price));
    }

    [Fact]
    public void Random_slippage_comes_from_the_injected_random()
    {
        var kit = new SimulatedExchangeKit(o => o.RandomSlippageBps = 2m, seed: 7);
        kit.Feed(Bar(50_000m));

        kit.Market(Spot, "b1", OrderSide.Buy, 0.5m);

        var u = new Random(7).Next(1_000_001) / 1_000_000m;
        var bps = 1.5m + 2m * u;
        var expected = TestInstruments.BtcUsdt.RoundToTick(50_000m * (1m + bps / 10_000m));
        Assert.Equal(expected, Assert.Single(kit.DrainFills()).Price);
    }

    [Fact]
    public void A_bar_with_nothing_to_do_allocates_nothing()
    {
        var kit = new SimulatedExchangeKit();
        var bar = Bar(50_000m);
        var exchange = kit.Exchange;
        exchange.OnBar(Swap, bar);   // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            exchange.OnBar(Spot, bar);
            exchange.OnBar(Swap, bar);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
