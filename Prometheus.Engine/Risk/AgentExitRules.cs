using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Risk;

/// <summary>
/// Agent-level exits checked every bar before the agent decides: stop loss and take profit from the genome,
/// measured on the price move from the average entry, and the system's maximum holding time.
/// Works in double on the hot path; the order it leads to is sized and booked in decimal.
/// </summary>
public static class AgentExitRules
{
    public static ExitReason Check(PositionLot lot, double price, long nowMs, Genome genome, long maxHoldingMs)
    {
        if (lot.AveragePriceValue <= 0) return ExitReason.None;
        var move = price / lot.AveragePriceValue - 1;
        if (lot.Side == PositionSide.Short) move = -move;
        if (move <= -genome.StopLoss) return ExitReason.StopLoss;
        if (move >= genome.TakeProfit) return ExitReason.TakeProfit;
        if (nowMs - lot.OpenedAtMs >= maxHoldingMs) return ExitReason.MaxHoldingTime;
        return ExitReason.None;
    }
}
