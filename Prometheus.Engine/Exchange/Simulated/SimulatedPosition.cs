namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// One hedge-mode swap position (instId, posSide), isolated or cross. It exists from the start with size 0 so that
/// its leverage settings (one per margin mode, as OKX keeps them) outlive open/close cycles.
/// </summary>
internal sealed class SimulatedPosition(Instrument instrument, PositionSide side, decimal leverage)
{
    public Instrument Instrument { get; } = instrument;
    public PositionSide Side { get; } = side;

    /// <summary>The margin mode of the position and of its orders; it changes only while flat with no pending order.</summary>
    public SimulatedMarginMode Mode { get; set; }

    public decimal IsolatedLeverage { get; set; } = leverage;
    public decimal CrossLeverage { get; set; } = leverage;

    public bool IsCross => Mode == SimulatedMarginMode.Cross;

    /// <summary>The leverage of the current mode.</summary>
    public decimal Leverage
    {
        get => LeverageOf(Mode);
        set => SetLeverage(Mode, value);
    }

    public decimal LeverageOf(SimulatedMarginMode mode) => mode == SimulatedMarginMode.Cross ? CrossLeverage : IsolatedLeverage;

    public void SetLeverage(SimulatedMarginMode mode, decimal leverage)
    {
        if (mode == SimulatedMarginMode.Cross)
            CrossLeverage = leverage;
        else
            IsolatedLeverage = leverage;
    }

    /// <summary>Contracts, never negative.</summary>
    public decimal Size { get; set; }

    /// <summary>Size-weighted average entry price; 0 when flat.</summary>
    public decimal AveragePrice { get; set; }

    /// <summary>Initial margin locked: Σ opening notional / leverage (isolated: the position's own; cross: its share of the account's).</summary>
    public decimal Margin { get; set; }

    /// <summary>Contracts reserved by resting close orders.</summary>
    public decimal ReservedForClose { get; set; }

    public decimal AvailableToClose => Size - ReservedForClose;

    /// <summary>
    /// Isolated: long: entry × (1 − 1/lev + mmr); short: entry × (1 + 1/lev − mmr), rounded to the tick.
    /// 0 when flat, and for a cross position (its price depends on the whole account: see SimulatedExchange.CrossMargin.cs).
    /// </summary>
    public decimal LiquidationPrice
    {
        get
        {
            if (Size == 0m || IsCross)
                return 0m;
            var mmr = Instrument.MaintenanceMarginRate;
            var factor = Side == PositionSide.Long ? 1m - 1m / Leverage + mmr : 1m + 1m / Leverage - mmr;
            return Instrument.RoundToTick(AveragePrice * factor);
        }
    }

    /// <summary>Profit of closing <paramref name="size"/> contracts at <paramref name="price"/>, in quote currency.</summary>
    public decimal PnlAt(decimal price, decimal size) =>
        (Side == PositionSide.Long ? price - AveragePrice : AveragePrice - price) * size * Instrument.ContractValue;

    /// <summary>Maintenance margin at <paramref name="price"/>: notional × OKX's maintenance margin rate.</summary>
    public decimal MaintenanceAt(decimal price) => Instrument.Notional(Size, price) * Instrument.MaintenanceMarginRate;

    /// <param name="crossLiquidationPrice">The account-level liquidation price, for a cross position.</param>
    public ExchangePosition ToRecord(decimal lastPrice, decimal crossLiquidationPrice = 0m) => new(
        Instrument.InstId, Side, Size, AveragePrice, Leverage, IsCross ? crossLiquidationPrice : LiquidationPrice, Margin, PnlAt(lastPrice, Size));

    public SimulatedPositionState ToState() =>
        new(Instrument.InstId, Side, IsolatedLeverage, Size, AveragePrice, Margin, ReservedForClose, Mode, CrossLeverage);

    public void Restore(SimulatedPositionState state)
    {
        Mode = state.MarginMode;
        IsolatedLeverage = state.Leverage;
        // A state saved before cross margin existed has no cross leverage: it keeps the default it was created with.
        CrossLeverage = state.CrossLeverage ?? CrossLeverage;
        Size = state.Size;
        AveragePrice = state.AveragePrice;
        Margin = state.Margin;
        ReservedForClose = state.ReservedForClose;
    }
}
