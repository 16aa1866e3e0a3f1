namespace Prometheus.Engine.Risk;

public enum ExitReason
{
    None,
    StopLoss,
    TakeProfit,
    MaxHoldingTime,
}
