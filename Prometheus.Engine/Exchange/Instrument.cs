namespace Prometheus.Engine.Exchange;

/// <summary>
/// An instrument's exchange specification as the venue publishes it (OKX: GET /api/v5/public/instruments, fees from the
/// account's fee tier). Specs are data: they come from the shipped catalog, configuration or the exchange, never from code.
/// Sizes are in the instrument's own unit: base currency for spot, contracts for swaps.
/// </summary>
public sealed record Instrument(
    string Venue,           // "okx"
    string InstId,          // the venue's symbol: BTC-USDT-SWAP
    InstrumentKind Kind,
    string BaseCcy,
    string QuoteCcy,
    decimal ContractValue,  // ctVal: base currency per contract (1 for spot)
    decimal LotSize,        // lotSz
    decimal MinSize,        // minSz
    decimal TickSize,       // tickSz
    decimal MaxLeverage,    // lever: the most the venue allows (1 for spot)
    decimal MakerFeeRate,   // the fee tier's, positive = a cost
    decimal TakerFeeRate,
    decimal MaintenanceMarginRate)
{
    /// <summary>Venue and symbol, the instrument's name across the product: <c>okx:BTC-USDT-SWAP</c>.</summary>
    public string Id => $"{Venue}:{InstId}";

    /// <summary>Quote-currency value of <paramref name="size"/> units at <paramref name="price"/>.</summary>
    public decimal Notional(decimal size, decimal price) => size * ContractValue * price;

    /// <summary>The largest valid size not above <paramref name="size"/> (rounded down to the lot size).</summary>
    public decimal RoundDownToLot(decimal size) =>
        size <= 0m ? 0m : decimal.Floor(size / LotSize) * LotSize;

    public decimal RoundToTick(decimal price) => decimal.Round(price / TickSize, MidpointRounding.AwayFromZero) * TickSize;
}
