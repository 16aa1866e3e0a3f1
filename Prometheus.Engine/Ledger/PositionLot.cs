using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Ledger;

/// <summary>
/// One agent's position on one (instrument, side). Spot is booked as a 1x position whose margin is its cost,
/// so the same arithmetic serves both: value = margin + unrealized PnL.
/// </summary>
public sealed class PositionLot(Instrument instrument, PositionSide side)
{
    public Instrument Instrument { get; } = instrument;
    public PositionSide Side { get; } = side;
    public decimal Amount { get; internal set; }
    public decimal AveragePrice { get; internal set; }
    public long OpenedAtMs { get; internal set; }
    public decimal Margin { get; internal set; }
    /// <summary>Fees paid to open what is still open; a close takes its share to judge the round trip net.</summary>
    public decimal OpenFees { get; internal set; }

    /// <summary>The average price as a double, for the per-bar stop and decision checks that must not touch decimal.</summary>
    public double AveragePriceValue { get; internal set; }

    /// <summary>The margin as a double, for the same per-bar checks.</summary>
    public double MarginValue { get; internal set; }

    public bool IsOpen => Amount > 0m;

    public decimal UnrealizedPnl(decimal mark) =>
        Amount == 0m ? 0m : (mark - AveragePrice) * Amount * Instrument.ContractValue * (Side == PositionSide.Long ? 1m : -1m);

    public decimal Value(decimal mark) => Margin + UnrealizedPnl(mark);

    public decimal Notional(decimal mark) => Instrument.Notional(Amount, mark);
}
