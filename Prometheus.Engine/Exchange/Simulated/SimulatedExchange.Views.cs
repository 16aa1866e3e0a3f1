using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>Small read-only views the OKX-compatible server needs beyond <see cref="IExchange"/>.</summary>
public sealed partial class SimulatedExchange
{
    /// <summary>The last bar of <paramref name="instId"/>, or null before the first.</summary>
    public Candle? LastBar(string instId) =>
        FindBook(instId) is { HasBar: true } book ? book.LastBar : null;

    /// <summary>The leverage setting of a swap side (it outlives open/close cycles, as OKX keeps it).</summary>
    public decimal Leverage(string instId, PositionSide posSide) =>
        FindBook(instId) is { IsSwap: true } book ? book.Position(posSide).Leverage : 1m;

    /// <summary>Contracts of a swap position not held by resting close orders (OKX availPos).</summary>
    public decimal AvailableToClose(string instId, PositionSide posSide) =>
        FindBook(instId) is { IsSwap: true } book ? book.Position(posSide).AvailableToClose : 0m;
}
