using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Everything the simulated exchange knows, as plain data: what <see cref="SimulatedExchange.Capture"/> returns
/// and <see cref="SimulatedExchange.Restore"/> rebuilds an exchange from. Serializable as is (System.Text.Json).
/// <list type="bullet">
/// <item>The id counters: the next order gets ordId <see cref="LastOrdId"/> + 1, the next fill tradeId <see cref="LastTradeId"/> + 1.</item>
/// <item>Balances in the wallet's order (quote currency first); Total includes Frozen.</item>
/// <item>Swap positions per (instId, posSide), flat ones included: they carry the leverage setting.</item>
/// <item>Every order ever accepted (pending and history, ordId ascending). The used clOrdIds are those of these
///   orders: a rejected order never takes its clOrdId, so nothing else has to be kept.</item>
/// <item>Every fill, in production order.</item>
/// <item>The last bar of each instrument that has had one.</item>
/// <item>The funding: every bill settled (by funding time, then bill id), the bill id counter (the next bill gets
///   <see cref="LastBillId"/> + 1), and each swap's next funding time once its first bar set it, so that a restored
///   exchange settles each funding time exactly once.</item>
/// </list>
/// Not part of it: the pricing models and their <see cref="Random"/> (a restored exchange draws from the one it
/// is given), and fills published on <see cref="SimulatedExchange.Fills"/> but not read (a restored exchange
/// publishes nothing old: a client reconciles through <see cref="SimulatedExchange.GetFillsAsync"/>, as with OKX).
/// Two states are equal when every part is equal, element by element and in order.
/// </summary>
public sealed record SimulatedExchangeState(
    long LastOrdId,
    long LastTradeId,
    IReadOnlyList<SimulatedBalanceState> Balances,
    IReadOnlyList<SimulatedPositionState> Positions,
    IReadOnlyList<SimulatedOrderState> Orders,
    IReadOnlyList<ExchangeFill> Fills,
    IReadOnlyList<SimulatedBarState> Bars,
    long LastBillId,
    IReadOnlyList<FundingBill> FundingBills,
    IReadOnlyList<SimulatedFundingState> Funding)
{
    public bool Equals(SimulatedExchangeState? other) =>
        other is not null
        && LastOrdId == other.LastOrdId
        && LastTradeId == other.LastTradeId
        && Balances.SequenceEqual(other.Balances)
        && Positions.SequenceEqual(other.Positions)
        && Orders.SequenceEqual(other.Orders)
        && Fills.SequenceEqual(other.Fills)
        && Bars.SequenceEqual(other.Bars)
        && LastBillId == other.LastBillId
        && FundingBills.SequenceEqual(other.FundingBills)
        && Funding.SequenceEqual(other.Funding);

    public override int GetHashCode() =>
        HashCode.Combine(LastOrdId, LastTradeId, Balances.Count, Positions.Count, Orders.Count, Fills.Count, Bars.Count, FundingBills.Count);
}

/// <summary>One currency of the wallet. Available = Total − Frozen.</summary>
public sealed record SimulatedBalanceState(string Ccy, decimal Total, decimal Frozen);

/// <summary>
/// One hedge-mode swap position, flat or not. ReservedForClose = contracts held by resting close orders. Leverage is the
/// isolated setting, CrossLeverage the cross one; a state saved before cross margin existed has neither mode nor cross
/// leverage, and loads as isolated with the default cross leverage.
/// </summary>
public sealed record SimulatedPositionState(
    string InstId,
    PositionSide PosSide,
    decimal Leverage,
    decimal Size,
    decimal AveragePrice,
    decimal Margin,
    decimal ReservedForClose,
    SimulatedMarginMode MarginMode = SimulatedMarginMode.Isolated,
    decimal? CrossLeverage = null);

/// <summary>
/// One order with every field the exchange keeps, the reservations of a resting order included (what a fill or
/// a cancel will release). <see cref="OrdId"/> is the decimal form of the order's sequence number.
/// An empty <see cref="ClOrdId"/> marks an order no client placed (a manual trade, a liquidation). A swap order's
/// <see cref="MarginMode"/> is its position's (isolated in a state saved before cross margin existed).
/// </summary>
public sealed record SimulatedOrderState(
    string OrdId,
    string ClOrdId,
    string InstId,
    OrderSide Side,
    PositionSide PosSide,
    OrderType Type,
    decimal Size,
    decimal? Price,
    bool IsClosing,
    OrderState State,
    decimal FilledSize,
    decimal FilledNotional,
    decimal Fee,
    decimal FrozenQuote,
    decimal FrozenBase,
    decimal ReservedContracts,
    long CreatedMs,
    long UpdatedMs,
    SimulatedMarginMode MarginMode = SimulatedMarginMode.Isolated);

/// <summary>The last bar an instrument received: its close prices a market order until the next bar arrives.</summary>
public sealed record SimulatedBarState(string InstId, Candle Bar);

/// <summary>A swap's funding schedule: the next funding time it settles (a multiple of 8 hours, Unix ms).</summary>
public sealed record SimulatedFundingState(string InstId, long NextFundingMs);
