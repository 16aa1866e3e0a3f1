using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Everything the simulated exchange keeps per instrument: its last bar, its resting limit orders in
/// placement order, and (swaps) its long and short positions.
/// </summary>
internal sealed class InstrumentBook
{
    public InstrumentBook(Instrument instrument, decimal defaultLeverage)
    {
        Instrument = instrument;
        if (instrument.Kind == InstrumentKind.Swap)
        {
            Long = new SimulatedPosition(instrument, PositionSide.Long, defaultLeverage);
            Short = new SimulatedPosition(instrument, PositionSide.Short, defaultLeverage);
        }
    }

    public Instrument Instrument { get; }

    public bool IsSwap => Instrument.Kind == InstrumentKind.Swap;

    public bool HasBar { get; private set; }

    public Candle LastBar { get; private set; }

    /// <summary>Live and partially filled limit orders, oldest first.</summary>
    public List<SimulatedOrder> Resting { get; } = [];

    public SimulatedPosition? Long { get; }

    public SimulatedPosition? Short { get; }

    /// <summary>The next funding time to settle on this swap's positions; 0 until its first bar sets it.</summary>
    public long NextFundingMs { get; set; }

    public void SetBar(in Candle bar)
    {
        LastBar = bar;
        HasBar = true;
    }

    public SimulatedPosition Position(PositionSide side) =>
        (side == PositionSide.Long ? Long : Short)
        ?? throw new InvalidOperationException($"{Instrument.InstId} is not a swap and has no positions.");
}
