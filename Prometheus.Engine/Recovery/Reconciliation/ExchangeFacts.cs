using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// What the exchange says, as plain data the coordinator gathers: positions (swap positions, and spot holdings as
/// Long positions, see <see cref="SpotPositions"/>), pending orders (protective orders included when they are
/// modelled as orders), the fills of a window, and orders looked up by clOrdId (unknown outcomes; the order of a
/// fill just booked, for the light check).
/// </summary>
/// <param name="Fills">Every fill at or after <see cref="FillWindow.FromMs"/>, in any order (the reconciler sorts them).</param>
/// <param name="OrderLookups">clOrdId → the exchange's order, or null when the exchange has never seen that clOrdId.
/// A clOrdId absent from the map was not looked up.</param>
public sealed record ExchangeFacts(
    IReadOnlyList<ExchangePosition> Positions,
    IReadOnlyList<ExchangeOrder> PendingOrders,
    IReadOnlyList<ExchangeFill> Fills,
    FillWindow Window,
    IReadOnlyDictionary<string, ExchangeOrder?> OrderLookups)
{
    /// <summary>
    /// Spot holdings as positions: each spot instrument's base-currency total (frozen included) as a Long position,
    /// because that is what the agents' spot lots must add up to. Average price unknown (0).
    /// </summary>
    public static IReadOnlyList<ExchangePosition> SpotPositions(IEnumerable<ExchangeBalance> balances, IEnumerable<Instrument> instruments)
    {
        var byCcy = balances.ToDictionary(b => b.Ccy, StringComparer.Ordinal);
        return [.. instruments
            .Where(i => i.Kind == InstrumentKind.Spot && byCcy.TryGetValue(i.BaseCcy, out var b) && b.Total != 0m)
            .Select(i => new ExchangePosition(i.InstId, PositionSide.Long, byCcy[i.BaseCcy].Total, 0m, 1m, 0m, 0m, 0m))];
    }
}

/// <summary>
/// Which fills <see cref="ExchangeFacts.Fills"/> covers. <see cref="FromMs"/>: every fill at or after it is there.
/// <see cref="Complete"/>: FromMs is at or before the last moment the books and the exchange agreed (the last
/// checkpoint), so no fill the books may lack is missing. False after an outage longer than OKX keeps fills (3 days;
/// order history 7 days; the archive 3 months): then a position difference no fill explains is corrected at the
/// position level and the report says so.
/// </summary>
public sealed record FillWindow(long FromMs, bool Complete);
