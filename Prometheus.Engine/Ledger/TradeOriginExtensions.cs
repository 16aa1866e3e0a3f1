using RiskExitReason = Prometheus.Engine.Risk.ExitReason;

namespace Prometheus.Engine.Ledger;

/// <summary>What a trade's origin means for risk, for the ledger hash and for the exit reason a person reads.</summary>
public static class TradeOriginExtensions
{
    /// <summary>A protective exit (stop loss, take profit, maximum holding time): the only orders that pass while Halted.</summary>
    public static bool IsRiskExit(this TradeOrigin origin) =>
        origin is TradeOrigin.RiskExit or TradeOrigin.StopLoss or TradeOrigin.TakeProfit or TradeOrigin.MaxHoldingTime;

    public static TradeOrigin ToOrigin(this RiskExitReason exit) => exit switch
    {
        RiskExitReason.StopLoss => TradeOrigin.StopLoss,
        RiskExitReason.TakeProfit => TradeOrigin.TakeProfit,
        RiskExitReason.MaxHoldingTime => TradeOrigin.MaxHoldingTime,
        _ => throw new ArgumentOutOfRangeException(nameof(exit), exit, "no exit to take"),
    };

    /// <summary>
    /// The name the ledger hash writes. The hash form predates telling protective exits apart: they hash as RiskExit,
    /// so hashes kept in checkpoints and the golden backtest's stay what they were.
    /// </summary>
    public static string HashName(this TradeOrigin origin) => origin.IsRiskExit() ? nameof(TradeOrigin.RiskExit) : origin.ToString();

    /// <summary>
    /// Why a closing fill closed its position, in the API's words ("signal", "stopLoss", "takeProfit", "maxHoldingTime",
    /// "emergencyClose", "liquidation", "outside", and "death" for a dying agent's closes, "riskExit" for a protective exit
    /// booked before they were told apart); null for a fill that opened or added.
    /// </summary>
    public static string? ExitReason(this TradeRecord record) => !record.Side.IsClosing() ? null : record.Origin switch
    {
        TradeOrigin.Decision => "signal",
        TradeOrigin.StopLoss => "stopLoss",
        TradeOrigin.TakeProfit => "takeProfit",
        TradeOrigin.MaxHoldingTime => "maxHoldingTime",
        TradeOrigin.Emergency => "emergencyClose",
        TradeOrigin.Liquidation => "liquidation",
        TradeOrigin.Outside or TradeOrigin.Manual => "outside",
        TradeOrigin.Death => "death",
        TradeOrigin.RiskExit => "riskExit",
        _ => throw new ArgumentOutOfRangeException(nameof(record), record.Origin, "an origin with no exit reason"),
    };
}
