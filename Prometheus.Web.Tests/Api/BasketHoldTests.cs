using Prometheus.Engine.Supervision;
using Prometheus.Web.Api;

namespace Prometheus.Web.Tests.Api;

/// <summary>Holding the coins traded in equal parts, as the summary measures it from the curve's first priced point to now.</summary>
public sealed class BasketHoldTests
{
    private static CoinPrices Prices(params (string Coin, decimal Price)[] prices) =>
        new(prices.Select(p => new KeyValuePair<string, decimal>(p.Coin, p.Price)));

    [Fact]
    public void The_basket_is_the_mean_of_each_coin_s_change()
    {
        var (basket, coins) = Performance.BasketHold(Prices(("BTC", 100m), ("ETH", 10m), ("SOL", 1m)), Prices(("BTC", 110m), ("ETH", 9m), ("SOL", 1.3m)));

        Assert.Equal(0.1m, basket); // (+10% − 10% + 30%) / 3
        Assert.Equal(["BTC", "ETH", "SOL"], coins);
    }

    [Fact]
    public void A_coin_priced_at_only_one_of_the_two_moments_is_left_out()
    {
        var (basket, coins) = Performance.BasketHold(Prices(("BTC", 100m)), Prices(("BTC", 120m), ("ETH", 9m)));

        Assert.Equal(0.2m, basket);
        Assert.Equal(["BTC"], coins);
    }

    [Fact]
    public void Without_prices_at_the_start_there_is_no_basket()
    {
        Assert.Equal((null, []), Performance.BasketHold(null, Prices(("BTC", 120m))));
        Assert.Null(Performance.BasketHold(Prices(("BTC", 100m)), null).Return);
    }
}
