using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// exchange-sim replaying a series per instrument (Prometheus:Sim:Series): each listed instrument's candles, ticker and
/// fills come from its own coin's prices, and every series moves a bar at a time together.
/// </summary>
public sealed class ExchangeSimSeveralSeriesTests : IAsyncLifetime
{
    private SimServerKit _kit = null!;
    private SimRawClient _client = null!;

    public async Task InitializeAsync()
    {
        _kit = await SimServerKit.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Prometheus:Mastermind:Instruments:0"] = "okx:BTC-USDT-SWAP",
            ["Prometheus:Mastermind:Instruments:1"] = "okx:ETH-USDT-SWAP",
            ["Prometheus:Sim:Series:0:Instrument"] = "okx:BTC-USDT-SWAP",
            ["Prometheus:Sim:Series:0:Data"] = "data/btc-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz",
            ["Prometheus:Sim:Series:0:RecordsNoVolume"] = "true",
            ["Prometheus:Sim:Series:1:Instrument"] = "okx:ETH-USDT-SWAP",
            ["Prometheus:Sim:Series:1:Data"] = "data/eth-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz",
            ["Prometheus:Sim:Series:1:RecordsNoVolume"] = "true",
        });
        _client = new SimRawClient(_kit.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _kit.DisposeAsync();
    }

    private static decimal Number(System.Text.Json.Nodes.JsonNode? node) => decimal.Parse((string)node!, CultureInfo.InvariantCulture);

    private async Task<List<(long Ts, decimal Close)>> CandlesAsync(string instId)
    {
        var (status, body) = await _client.GetAsync($"/api/v5/market/candles?instId={instId}&bar=1H&limit=5", signed: false);
        Assert.Equal(200, status);
        return [.. body["data"]!.AsArray().Select(row => (long.Parse((string)row![0]!, CultureInfo.InvariantCulture), Number(row[4])))];
    }

    [Fact]
    public async Task Each_instrument_has_its_own_candles_and_ticker_at_the_same_times()
    {
        var btc = await CandlesAsync("BTC-USDT-SWAP");
        var eth = await CandlesAsync("ETH-USDT-SWAP");

        Assert.Equal(btc.Select(c => c.Ts), eth.Select(c => c.Ts));
        Assert.All(btc, c => Assert.InRange(c.Close, 15_000m, 130_000m));
        Assert.All(eth, c => Assert.InRange(c.Close, 800m, 5_000m));
        var (_, ticker) = await _client.GetAsync("/api/v5/market/ticker?instId=ETH-USDT-SWAP", signed: false);
        Assert.Equal(eth[0].Close, Number(ticker["data"]![0]!["last"]));

        // A bar time moves both.
        var server = _kit.App.Services.GetRequiredService<Prometheus.Web.ExchangeSim.ExchangeSimServer>();
        server.NextBar();
        var (btcNext, ethNext) = (await CandlesAsync("BTC-USDT-SWAP"), await CandlesAsync("ETH-USDT-SWAP"));
        Assert.Equal(btc[0].Ts + 3_600_000, btcNext[0].Ts);
        Assert.Equal(btcNext[0].Ts, ethNext[0].Ts);
        Assert.InRange(ethNext[0].Close, 800m, 5_000m);
    }

    [Fact]
    public async Task A_market_order_on_eth_fills_at_eths_price()
    {
        var eth = await CandlesAsync("ETH-USDT-SWAP");
        await _client.PostAsync("/api/v5/trade/order",
            """{"instId":"ETH-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market","sz":"1","clOrdId":"eth1"}""");

        var (_, order) = await _client.GetAsync("/api/v5/trade/order?instId=ETH-USDT-SWAP&clOrdId=eth1");

        var price = Number(order["data"]![0]!["avgPx"]);
        Assert.InRange(price, eth[0].Close * 0.99m, eth[0].Close * 1.01m);
    }
}
