namespace Prometheus.Engine.Risk;

public enum RiskDenialReason
{
    PositionTooLarge,
    LeverageTooHigh,
    NotionalTooSmall,
    NotionalTooLarge,
    TooManyOpenPositions,
    InsufficientBuyingPower,
    DailyTradeLimit,
    DailyLossLimit,
    DrawdownHalt,
    ReducingOnly,
    Halted,
}
