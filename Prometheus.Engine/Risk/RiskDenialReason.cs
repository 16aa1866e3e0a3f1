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
    /// <summary>The order would take every agent's positions, counted positive, above the portfolio's gross limit.</summary>
    PortfolioGrossExposure,
    /// <summary>The order would take the portfolio's net direction further beyond its limit.</summary>
    PortfolioNetExposure,
}
