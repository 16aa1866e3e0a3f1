using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>Small read-only views the OKX-compatible server needs beyond <see cref="IExchange"/>.</summary>
public sealed partial class SimulatedExchange
{
    /// <summary>The last bar of <paramref name="instId"/>, or null before the first.</summary>
    public Candle? LastBar(string instId) =>
        FindBook(instId) is { HasBar: true } book ? book.LastBar : null;

    /// <summary>The margin mode a swap side trades in (isolated until an order in cross moves it).</summary>
    public SimulatedMarginMode MarginMode(string instId, PositionSide posSide) =>
        FindBook(instId) is { IsSwap: true } book ? book.Position(posSide).Mode : SimulatedMarginMode.Isolated;

    /// <summary>The margin mode of an order (a swap order's position's when placed; isolated for spot, which trades cash).</summary>
    public SimulatedMarginMode OrderMarginMode(string ordId) =>
        _byOrdId.TryGetValue(ordId, out var order) ? order.MarginMode : SimulatedMarginMode.Isolated;

    /// <summary>A swap side's leverage setting in <paramref name="mode"/>.</summary>
    public decimal Leverage(string instId, PositionSide posSide, SimulatedMarginMode mode) =>
        FindBook(instId) is { IsSwap: true } book ? book.Position(posSide).LeverageOf(mode) : 1m;

    /// <summary>The leverage setting of a swap side in its current mode (it outlives open/close cycles, as OKX keeps it).</summary>
    public decimal Leverage(string instId, PositionSide posSide) =>
        FindBook(instId) is { IsSwap: true } book ? book.Position(posSide).Leverage : 1m;

    /// <summary>Contracts of a swap position not held by resting close orders (OKX availPos).</summary>
    public decimal AvailableToClose(string instId, PositionSide posSide) =>
        FindBook(instId) is { IsSwap: true } book ? book.Position(posSide).AvailableToClose : 0m;
}
