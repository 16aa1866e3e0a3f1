namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// The simulated exchange's mutable book entry for one order. Reservations (funds frozen for a resting
/// order) live here so a fill or a cancel releases exactly what the order froze.
/// </summary>
internal sealed class SimulatedOrder
{
    public required long Sequence { get; init; }
    public required string OrdId { get; init; }
    public required string ClOrdId { get; init; }
    public required InstrumentBook Book { get; init; }
    public required OrderSide Side { get; init; }
    public required PositionSide PosSide { get; init; }
    public required OrderType Type { get; init; }
    public required decimal Size { get; set; }
    public decimal? Price { get; set; }
    public required bool IsClosing { get; init; }
    public required long CreatedMs { get; init; }

    /// <summary>A swap order's margin mode (its position's); spot orders trade cash and keep the default.</summary>
    public SimulatedMarginMode MarginMode { get; init; }

    public long UpdatedMs { get; set; }
    public OrderState State { get; set; } = OrderState.Live;
    public decimal FilledSize { get; set; }
    public decimal FilledNotional { get; set; }
    public decimal Fee { get; set; }

    /// <summary>Quote currency frozen for this order (spot buy cost, swap opening margin), fee included.</summary>
    public decimal FrozenQuote { get; set; }

    /// <summary>Base currency frozen for a spot sell.</summary>
    public decimal FrozenBase { get; set; }

    /// <summary>Contracts of the position reserved by a swap close order.</summary>
    public decimal ReservedContracts { get; set; }

    /// <summary>Changed since the exchange last committed to its store (only tracked when it has one).</summary>
    public bool Uncommitted { get; set; }

    public Instrument Instrument => Book.Instrument;

    public decimal Remaining => Size - FilledSize;

    public bool IsPending => State is OrderState.Live or OrderState.PartiallyFilled;

    /// <summary>Size-weighted average fill price in the instrument's price unit; 0 before the first fill.</summary>
    public decimal AveragePrice => FilledSize == 0m ? 0m : SimulatedMoney.Round(FilledNotional / (FilledSize * Instrument.ContractValue));

    public ExchangeOrder ToRecord() => new(
        OrdId, ClOrdId, Instrument.InstId, Side, PosSide, Type, Size, Price,
        FilledSize, AveragePrice, Fee, State, CreatedMs, UpdatedMs);

    public SimulatedOrderState ToState() => new(
        OrdId, ClOrdId, Instrument.InstId, Side, PosSide, Type, Size, Price, IsClosing, State,
        FilledSize, FilledNotional, Fee, FrozenQuote, FrozenBase, ReservedContracts, CreatedMs, UpdatedMs, MarginMode);
}
