namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// One hedge-mode isolated-margin swap position (instId, posSide). It exists from the start with size 0
/// so that its leverage setting outlives open/close cycles, as OKX keeps it.
/// </summary>
internal sealed class SimulatedPosition(Instrument instrument, PositionSide side, decimal leverage)
{
    public Instrument Instrument { get; } = instrument;
    public PositionSide Side { get; } = side;
    public decimal Leverage { get; set; } = leverage;

    /// <summary>Contracts, never negative.</summary>
    public decimal Size { get; set; }

    /// <summary>Size-weighted average entry price; 0 when flat.</summary>
    public decimal AveragePrice { get; set; }

    /// <summary>Isolated margin locked: Σ opening notional / leverage.</summary>
    public decimal Margin { get; set; }

    /// <summary>Contracts reserved by resting close orders.</summary>
    public decimal ReservedForClose { get; set; }

    public decimal AvailableToClose => Size - ReservedForClose;

    /// <summary>
    /// long: entry × (1 − 1/lev + mmr); short: entry × (1 + 1/lev − mmr), rounded to the tick.
    /// 0 when flat.
    /// </summary>
    public decimal LiquidationPrice
    {
        get
        {
            if (Size == 0m)
                return 0m;
            var mmr = Instrument.MaintenanceMarginRate;
            var factor = Side == PositionSide.Long ? 1m - 1m / Leverage + mmr : 1m + 1m / Leverage - mmr;
            return Instrument.RoundToTick(AveragePrice * factor);
        }
    }

    /// <summary>Profit of closing <paramref name="size"/> contracts at <paramref name="price"/>, in quote currency.</summary>
    public decimal PnlAt(decimal price, decimal size) =>
        (Side == PositionSide.Long ? price - AveragePrice : AveragePrice - price) * size * Instrument.ContractValue;

    public ExchangePosition ToRecord(decimal lastPrice) => new(
        Instrument.InstId, Side, Size, AveragePrice, Leverage, LiquidationPrice, Margin, PnlAt(lastPrice, Size));

    public SimulatedPositionState ToState() => new(Instrument.InstId, Side, Leverage, Size, AveragePrice, Margin, ReservedForClose);

    public void Restore(SimulatedPositionState state)
    {
        Leverage = state.Leverage;
        Size = state.Size;
        AveragePrice = state.AveragePrice;
        Margin = state.Margin;
        ReservedForClose = state.ReservedForClose;
    }
}
