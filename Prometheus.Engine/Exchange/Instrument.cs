namespace Prometheus.Engine.Exchange;

/// <summary>
/// An instrument's exchange specification as OKX publishes it (GET /api/v5/public/instruments).
/// Sizes are in the instrument's own unit: base currency for spot, contracts for swaps.
/// </summary>
public sealed record Instrument(
    string InstId,
    InstrumentKind Kind,
    string BaseCcy,
    string QuoteCcy,
    decimal ContractValue,  // ctVal: base currency per contract (1 for spot)
    decimal LotSize,        // lotSz
    decimal MinSize,        // minSz
    decimal TickSize,       // tickSz
    decimal MakerFeeRate,   // OKX default tier (Lv1), positive = a cost
    decimal TakerFeeRate,
    decimal MaintenanceMarginRate)
{
    public static readonly Instrument BtcUsdt = new(
        "BTC-USDT", InstrumentKind.Spot, "BTC", "USDT",
        ContractValue: 1m, LotSize: 0.00000001m, MinSize: 0.00001m, TickSize: 0.1m,
        MakerFeeRate: 0.0008m, TakerFeeRate: 0.0010m, MaintenanceMarginRate: 0m);

    public static readonly Instrument BtcUsdtSwap = new(
        "BTC-USDT-SWAP", InstrumentKind.Swap, "BTC", "USDT",
        ContractValue: 0.01m, LotSize: 0.1m, MinSize: 0.1m, TickSize: 0.1m,
        MakerFeeRate: 0.0002m, TakerFeeRate: 0.0005m, MaintenanceMarginRate: 0.004m);

    public static IReadOnlyList<Instrument> All { get; } = [BtcUsdt, BtcUsdtSwap];

    public static Instrument Get(string instId) =>
        instId == BtcUsdtSwap.InstId ? BtcUsdtSwap
        : instId == BtcUsdt.InstId ? BtcUsdt
        : throw new ArgumentException($"Unknown instrument '{instId}'.", nameof(instId));

    /// <summary>Quote-currency value of <paramref name="size"/> units at <paramref name="price"/>.</summary>
    public decimal Notional(decimal size, decimal price) => size * ContractValue * price;

    /// <summary>The largest valid size not above <paramref name="size"/> (rounded down to the lot size).</summary>
    public decimal RoundDownToLot(decimal size) =>
        size <= 0m ? 0m : decimal.Floor(size / LotSize) * LotSize;

    public decimal RoundToTick(decimal price) => decimal.Round(price / TickSize, MidpointRounding.AwayFromZero) * TickSize;
}
