using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Tests.Risk;

public class SystemRiskTests
{
    private const long Day = 86_400_000;
    private static readonly RiskOptions Options = new() { MaxDailyLossPercent = 0.10m, ReducingDrawdownPercent = 0.2m, MaxDrawdownPercent = 0.3m, ReducingCooldownHours = 48 };

    [Fact]
    public void A_daily_loss_halts_until_the_next_day()
    {
        var risk = new SystemRisk(Options);
        risk.Observe(0, 1_000m);
        risk.Observe(1_000, 895m);
        Assert.Equal(TradingState.Halted, risk.State);
        risk.Observe(Day + 1, 895m);
        Assert.Equal(TradingState.Active, risk.State);
    }

    [Fact]
    public void Drawdown_first_reduces_then_trips_the_breaker_which_stays_until_reset()
    {
        var risk = new SystemRisk(Options);
        risk.Observe(0, 1_000m);
        risk.Observe(Day, 950m);
        risk.Observe(2 * Day, 900m);
        risk.Observe(3 * Day, 850m);
        risk.Observe(4 * Day, 790m);
        Assert.Equal(TradingState.Reducing, risk.State);
        risk.Observe(5 * Day, 750m);
        risk.Observe(6 * Day, 690m);
        Assert.Equal(TradingState.Halted, risk.State);
        risk.Observe(7 * Day, 990m);
        Assert.Equal(TradingState.Halted, risk.State);
        risk.Reset(7 * Day, 990m, "reset by a person");
        Assert.Equal(TradingState.Active, risk.State);
    }

    [Fact]
    public void Reducing_cools_down_but_the_breaker_keeps_the_all_time_peak()
    {
        var risk = new SystemRisk(Options);
        risk.Observe(0, 1_000m);
        risk.Observe(Day, 950m);
        risk.Observe(2 * Day, 900m);
        risk.Observe(3 * Day, 790m);
        Assert.Equal(TradingState.Reducing, risk.State);
        risk.Observe(4 * Day, 790m);
        Assert.Equal(TradingState.Reducing, risk.State);
        risk.Observe(5 * Day, 785m); // 48 h in Reducing: re-based at 785
        Assert.Equal(TradingState.Active, risk.State);
        risk.Observe(6 * Day, 760m);
        risk.Observe(7 * Day, 720m);
        risk.Observe(8 * Day, 699m); // 30.1% below the all-time peak of 1,000
        Assert.Equal(TradingState.Halted, risk.State);
        Assert.True(risk.DrawdownBreakerTripped);
    }

    [Fact]
    public void Daily_limits_roll_over_at_midnight_utc_by_themselves()
    {
        var risk = new SystemRisk(Options);
        var midnight = new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        risk.Observe(midnight - 10 * 3_600_000, 1_000m);
        risk.CountOrder();
        risk.Observe(midnight - 1, 880m); // 12% down on the day: halted

        Assert.Equal((TradingState.Halted, RiskDenialReason.DailyLossLimit, 1), (risk.State, risk.HaltReason, risk.OrdersToday));
        Assert.NotNull(risk.CannotReset()); // nothing for a person to reset: the day ends by itself

        risk.Observe(midnight, 880m); // the first bar of the new UTC day: a new day's open, a new count

        Assert.Equal((TradingState.Active, (RiskDenialReason?)null, 0, 880m), (risk.State, risk.HaltReason, risk.OrdersToday, risk.DayOpenEquity));
    }

    [Fact]
    public void The_daily_order_count_resets_each_utc_day()
    {
        var risk = new SystemRisk(Options);
        risk.Observe(0, 1m);
        risk.CountOrder();
        risk.CountOrder();
        Assert.Equal(2, risk.OrdersToday);
        risk.Observe(Day, 1m);
        Assert.Equal(0, risk.OrdersToday);
    }

    [Fact]
    public void The_order_count_is_saved_under_the_name_saved_states_already_carry()
    {
        var risk = new SystemRisk(Options);
        risk.Observe(0, 1m);
        risk.CountOrder();
        var json = EngineJson.Serialize(risk.Save());
        Assert.Contains("\"tradesToday\":1", json, StringComparison.Ordinal);

        var restored = new SystemRisk(Options);
        restored.Restore(EngineJson.Deserialize<SystemRiskState>(json));
        Assert.Equal(1, restored.OrdersToday);
    }

    [Theory]
    [InlineData(PositionSide.Long, 94.9, ExitReason.StopLoss)]
    [InlineData(PositionSide.Long, 110.1, ExitReason.TakeProfit)]
    [InlineData(PositionSide.Short, 105.1, ExitReason.StopLoss)]
    [InlineData(PositionSide.Short, 89.9, ExitReason.TakeProfit)]
    [InlineData(PositionSide.Long, 101, ExitReason.None)]
    public void Agent_exits_fire_on_stop_loss_and_take_profit(PositionSide side, double price, ExitReason expected)
    {
        var genome = new Genome(Genome.Genes.Select(g => g.Name switch { "stop_loss" => 0.05, "take_profit" => 0.10, _ => g.Min }).ToArray());
        var lot = new PositionLot(TestInstruments.BtcUsdtSwap, side) { Amount = 1m, AveragePrice = 100m, AveragePriceValue = 100, OpenedAtMs = 0 };
        Assert.Equal(expected, AgentExitRules.Check(lot, price, nowMs: 1_000, genome, maxHoldingMs: Day));
    }

    [Fact]
    public void A_position_held_too_long_is_closed()
    {
        var genome = Genome.Random(new Random(1));
        var lot = new PositionLot(TestInstruments.BtcUsdtSwap, PositionSide.Long) { Amount = 1m, AveragePrice = 100m, AveragePriceValue = 100, OpenedAtMs = 0 };
        Assert.Equal(ExitReason.MaxHoldingTime, AgentExitRules.Check(lot, 100, nowMs: Day, genome, maxHoldingMs: Day));
    }
}
