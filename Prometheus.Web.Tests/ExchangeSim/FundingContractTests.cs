using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// Funding through every <see cref="IExchange"/>: the embedded simulated exchange, and the OKX gateway against
/// exchange-sim (with exchange-sim's posSide on the bills, and without it, as real OKX writes them, so that the gateway
/// infers the side from the funding-rate history). The same positions over the same funding time give the same bills:
/// side, size, amount, time, rate and mark, computed here by hand from the shipped OKX rate.
/// </summary>
public abstract class FundingContractTests : IAsyncLifetime
{
    protected const string Swap = "BTC-USDT-SWAP";

    /// <summary>2025-10-16 00:00 UTC: a funding time whose recorded BTC-USDT-SWAP rate is negative (shorts pay longs).</summary>
    protected static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeMilliseconds(1_760_572_800_000);

    private static int _sequence;

    protected ShiftedClock Clock { get; } = new(T.AddMinutes(-30));

    protected IExchange Exchange { get; private set; } = null!;

    protected abstract Task<IExchange> CreateAsync();

    /// <summary>The market moves: the same bar for both instruments.</summary>
    protected abstract void Feed(Candle bar);

    protected abstract Task DisposeExchangeAsync();

    public async Task InitializeAsync()
    {
        Exchange = await CreateAsync();
        Feed(Bar(40_000m));
    }

    public Task DisposeAsync() => DisposeExchangeAsync();

    private static Candle Bar(decimal close) => new(0, close, close + 5m, close - 5m, close, 100m);

    private async Task OpenAsync(OrderSide side, PositionSide posSide, decimal size)
    {
        var clOrdId = $"f{Environment.ProcessId % 1000}x{Interlocked.Increment(ref _sequence)}";
        var ack = await Exchange.PlaceOrderAsync(new OrderRequest(Swap, clOrdId, side, posSide, OrderType.Market, size));
        Assert.True(ack.Accepted, ack.Message);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(clOrdId, (await Exchange.Fills.ReadAsync(timeout.Token)).ClOrdId);
    }

    [Fact]
    public async Task A_long_and_a_short_held_over_a_funding_time_get_the_same_bills_everywhere()
    {
        await OpenAsync(OrderSide.Buy, PositionSide.Long, 3m);
        await OpenAsync(OrderSide.Sell, PositionSide.Short, 2m);
        Assert.Empty(await Exchange.GetFundingBillsAsync(Swap, sinceMs: T.AddHours(-8).ToUnixTimeMilliseconds()));

        Clock.MoveTo(T.AddMinutes(1));
        Feed(Bar(41_000m));
        var bills = await Exchange.GetFundingBillsAsync(Swap, sinceMs: T.AddHours(-8).ToUnixTimeMilliseconds());

        var rate = ShippedData.FundingRates(FundingRates.StandardDefaultRate).RateAt(Swap, T.ToUnixTimeMilliseconds());
        Assert.True(rate is { Recorded: true, Rate: < 0m });
        // Long: 3 × 0.01 × 41,000 = 1,230 receives |rate|; short: 2 × 0.01 × 41,000 = 820 pays it (12 decimals, as exchanges book them).
        var longChange = -decimal.Round(1_230m * rate.Rate, 12, MidpointRounding.AwayFromZero);
        var shortChange = decimal.Round(820m * rate.Rate, 12, MidpointRounding.AwayFromZero);
        Assert.Equal(
            [
                (PositionSide.Long, 3m, T.ToUnixTimeMilliseconds(), longChange, rate.Rate, 41_000m, "USDT"),
                (PositionSide.Short, 2m, T.ToUnixTimeMilliseconds(), shortChange, rate.Rate, 41_000m, "USDT"),
            ],
            bills.Select(b => (b.PosSide, b.PositionSize, b.FundingTimeMs, b.BalanceChange, b.Rate, b.MarkPrice, b.Ccy)));
        Assert.True(longChange > 0m && shortChange < 0m);
        Assert.Equal(bills[1].BalanceAfter, (await Exchange.GetBalancesAsync()).Single(b => b.Ccy == "USDT").Total);
        Assert.Equal(bills, await Exchange.GetFundingBillsAsync(sinceMs: T.ToUnixTimeMilliseconds()));
        Assert.Empty(await Exchange.GetFundingBillsAsync(Swap, sinceMs: T.AddMinutes(1).ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task A_position_opened_after_the_funding_time_pays_nothing_for_it()
    {
        Clock.MoveTo(T.AddMinutes(1));
        await OpenAsync(OrderSide.Buy, PositionSide.Long, 3m);
        Feed(Bar(41_000m));

        Assert.Empty(await Exchange.GetFundingBillsAsync(Swap, sinceMs: T.AddHours(-8).ToUnixTimeMilliseconds()));
    }
}

/// <summary>The funding contract against the embedded simulated exchange, settling the shipped rates.</summary>
public sealed class SimulatedExchangeFundingContractTests : FundingContractTests
{
    private SimulatedExchange? _exchange;

    protected override Task<IExchange> CreateAsync()
    {
        _exchange = ContractExchanges.Embedded(Clock, ShippedData.FundingRates(FundingRates.StandardDefaultRate));
        return Task.FromResult<IExchange>(_exchange);
    }

    protected override void Feed(Candle bar) => ContractExchanges.Feed(_exchange!, bar);

    protected override Task DisposeExchangeAsync()
    {
        _exchange?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The funding contract against the OKX gateway and exchange-sim on loopback, sharing one clock.</summary>
public class OkxGatewayFundingContractTests : FundingContractTests
{
    private SimServerKit? _kit;
    private OkxExchange? _gateway;

    internal SimServerKit Kit => _kit!;

    protected override async Task<IExchange> CreateAsync()
    {
        (_kit, _gateway) = await ContractExchanges.GatewayAsync(Clock);
        return _gateway;
    }

    protected override void Feed(Candle bar) => _kit!.Server.PushBar(bar);

    protected override Task DisposeExchangeAsync() => ContractExchanges.DisposeAsync(_kit, _gateway);
}

/// <summary>
/// The same, with bills as real OKX writes them (no posSide): the gateway tells each bill's side from the sign of its
/// amount against the rate exchange-sim's funding-rate history gives.
/// </summary>
public sealed class OkxGatewayInferredSideFundingContractTests : OkxGatewayFundingContractTests
{
    protected override async Task<IExchange> CreateAsync()
    {
        var exchange = await base.CreateAsync();
        Kit.Server.Faults.BillsWithoutPosSide = true;
        return exchange;
    }

    [Fact]
    public async Task The_gateway_reads_the_rates_it_infers_sides_from_off_the_funding_rate_history()
    {
        await A_long_and_a_short_held_over_a_funding_time_get_the_same_bills_everywhere();

        Assert.True(Kit.Server.Faults.Requests.GetValueOrDefault("GET /api/v5/public/funding-rate-history") >= 1);
    }
}
