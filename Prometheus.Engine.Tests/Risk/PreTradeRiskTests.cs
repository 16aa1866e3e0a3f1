using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Tests.Risk;

public class PreTradeRiskTests
{
    private static readonly RiskOptions Options = new()
    {
        MaxPositionPercent = 0.5m, MaxLeverage = 3m, SwapLeverage = 2m, MinOrderNotional = 5m, MaxOrderNotional = 50_000m,
        MaxOpenPositions = 1, MaxDailyTrades = 100,
    };

    private static PrivateLedger Ledger(decimal capital = 10_000m)
    {
        var publicLedger = new PublicLedger();
        return publicLedger.OpenAccount(LedgerKeys.Supervisor, 1, capital);
    }

    // 1 contract = 0.01 BTC at 30,000 = 300 USDT notional.
    private static OrderIntent Open(decimal contracts, decimal leverage = 2m, PositionSide side = PositionSide.Long) =>
        new(1, TestInstruments.BtcUsdtSwap, side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell, side, contracts, 30_000m, leverage, TradeOrigin.Decision, 0.5);

    private static RiskVerdict Check(OrderIntent intent, PrivateLedger? ledger = null, TradingState state = TradingState.Active, int tradesToday = 0) =>
        PreTradeRisk.Check(intent, ledger ?? Ledger(), (ledger ?? Ledger()).Equity(new MarkPrices()), state, tradesToday, Options);

    [Fact]
    public void A_sound_order_passes() => Assert.True(Check(Open(10m)).Allowed);

    // Book equity 100,000 with the default limits (gross 3x, net 2x): 10 contracts = 3,000 USDT.
    private static RiskVerdict InBook(OrderIntent intent, decimal net, decimal gross) =>
        PreTradeRisk.Check(intent, Ledger(), 10_000m, TradingState.Active, 0, Options, portfolio: new PortfolioExposure(net, gross, 100_000m));

    [Fact]
    public void An_order_that_takes_gross_exposure_across_instruments_above_its_limit_is_denied()
    {
        Assert.True(InBook(Open(10m), net: 0m, gross: 296_999m).Allowed);

        var verdict = InBook(Open(10m), net: 0m, gross: 297_001m);

        Assert.Equal(RiskDenialReason.PortfolioGrossExposure, verdict.Reason);
        Assert.Equal("gross exposure 300001 above 3x book equity 100000", verdict.Detail);
    }

    [Fact]
    public void Net_exposure_beyond_its_limit_denies_orders_that_add_to_it_and_lets_through_those_that_bring_it_back()
    {
        Assert.Equal(RiskDenialReason.PortfolioNetExposure, InBook(Open(10m), net: 199_000m, gross: 199_000m).Reason);
        Assert.Equal(RiskDenialReason.PortfolioNetExposure, InBook(Open(10m, side: PositionSide.Short), net: -199_000m, gross: 199_000m).Reason);
        Assert.True(InBook(Open(10m, side: PositionSide.Short), net: 250_000m, gross: 250_000m).Allowed); // a short against a long book
        Assert.True(InBook(Open(10m), net: 196_000m, gross: 196_000m).Allowed);
    }

    [Fact]
    public void The_portfolio_limits_are_validated_naming_their_keys()
    {
        var errors = new RiskOptions { MaxGrossExposure = 1m, MaxNetExposure = 2m }.Validate().ToList();

        Assert.Contains("Prometheus:Risk:MaxNetExposure must be between 0.01 and 1 (was 2)", errors);
    }

    [Theory]
    [InlineData(TradingState.Halted, RiskDenialReason.Halted)]
    [InlineData(TradingState.Reducing, RiskDenialReason.ReducingOnly)]
    public void Trading_state_denies_opening_orders(TradingState state, RiskDenialReason reason) =>
        Assert.Equal(reason, Check(Open(1m), state: state).Reason);

    [Fact]
    public void Reducing_still_lets_a_close_through()
    {
        var close = Open(1m) with { Side = OrderSide.Sell };
        Assert.True(close.ReducesExposure);
        Assert.True(Check(close, state: TradingState.Reducing).Allowed);
        Assert.Equal(RiskDenialReason.Halted, Check(close, state: TradingState.Halted).Reason);
    }

    [Fact]
    public void While_halted_only_protective_exits_pass_and_the_denial_names_the_halt()
    {
        var ledger = Ledger();
        var verdict = PreTradeRisk.Check(Open(1m), ledger, 10_000m, TradingState.Halted, 0, Options, RiskDenialReason.DailyLossLimit, "daily loss reached 10%");
        Assert.Equal(RiskDenialReason.DailyLossLimit, verdict.Reason);
        Assert.Equal("daily loss reached 10%", verdict.Detail);
        var stop = Open(1m) with { Side = OrderSide.Sell, Origin = TradeOrigin.RiskExit };
        Assert.True(PreTradeRisk.Check(stop, ledger, 10_000m, TradingState.Halted, 0, Options).Allowed);
        var discretionaryClose = Open(1m) with { Side = OrderSide.Sell };
        Assert.False(PreTradeRisk.Check(discretionaryClose, ledger, 10_000m, TradingState.Halted, 0, Options).Allowed);
    }

    [Fact]
    public void Leverage_above_the_maximum_is_denied() =>
        Assert.Equal(RiskDenialReason.LeverageTooHigh, Check(Open(1m, leverage: 5m)).Reason);

    [Fact]
    public void Too_small_a_notional_is_denied() =>
        Assert.Equal(RiskDenialReason.NotionalTooSmall, Check(Open(0.01m)).Reason); // 3 USDT

    [Fact]
    public void Too_large_a_notional_is_denied() =>
        Assert.Equal(RiskDenialReason.NotionalTooLarge, Check(Open(200m), Ledger(1_000_000m)).Reason); // 60,000 USDT

    [Fact]
    public void A_position_beyond_its_share_of_equity_is_denied() =>
        // 50% of 10,000 x2 leverage = 10,000 max notional; 40 contracts = 12,000.
        Assert.Equal(RiskDenialReason.PositionTooLarge, Check(Open(40m)).Reason);

    [Fact]
    public void Too_many_open_positions_is_denied()
    {
        var publicLedger = new PublicLedger(); // the agent already holds a long
        var ledger = publicLedger.OpenAccount(LedgerKeys.Supervisor, 1, 10_000m);
        publicLedger.Book(LedgerKeys.Supervisor, new ExchangeFill("t1", "o1", "p1x1", "BTC-USDT-SWAP", OrderSide.Buy, PositionSide.Long, 1m, 30_000m, 0m, "USDT", 0),
            1, TestInstruments.BtcUsdtSwap, 2m, 0.5, TradeOrigin.Decision);
        Assert.Equal(RiskDenialReason.TooManyOpenPositions, Check(Open(1m, side: PositionSide.Short), ledger).Reason);
    }

    [Fact]
    public void Buying_power_reserved_by_another_order_cannot_be_spent_twice()
    {
        var ledger = Ledger(1_000m);
        Assert.True(Check(Open(3m), ledger).Allowed); // 900 notional / 2 = 450 margin
        ledger.Reserve(LedgerKeys.Supervisor, "p1x1", 600m);
        Assert.Equal(RiskDenialReason.InsufficientBuyingPower, Check(Open(3m), ledger).Reason);
        ledger.Release(LedgerKeys.Supervisor, "p1x1");
        Assert.True(Check(Open(3m), ledger).Allowed);
    }

    [Fact]
    public void The_daily_trade_limit_denies() =>
        Assert.Equal(RiskDenialReason.DailyTradeLimit, Check(Open(1m), tradesToday: 100).Reason);

    [Fact]
    public void Every_denial_carries_a_detail() => Assert.False(string.IsNullOrWhiteSpace(Check(Open(40m)).Detail));
}
