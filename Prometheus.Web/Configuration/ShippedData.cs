namespace Prometheus.Web.Configuration;

/// <summary>
/// The candle files shipped in the repository's data/ folder and copied beside the executable
/// (see Prometheus.Web.csproj). Relative paths in configuration are taken from the executable's
/// folder, so the program behaves the same from any working directory.
/// </summary>
public static class ShippedData
{
    /// <summary>OKX BTC-USDT-SWAP 15m, 2023-01-01..2026-04-18: paper trading and backtests.</summary>
    public const string Okx15m = "data/btc-usdt-swap-15m-okx-20230101-20260418.csv.gz";

    /// <summary>OKX BTC-USDT-SWAP 1m, 2026-01-01..2026-01-16: exchange-sim's finer series (opt-in, Prometheus:Sim:FinerSeries).</summary>
    public const string Okx1m = "data/btc-usdt-swap-1m-okx-20260101-20260116.csv.gz";

    /// <summary>OKX BTC-USDT-SWAP 5m, 2022-05-01..2022-12-31 (189 zero-volume flat bars: a hole at the exchange).</summary>
    public const string Okx5m2022 = "data/btc-usdt-swap-5m-okx-20220501-20221231.csv.gz";

    /// <summary>OKX BTC-USDT-SWAP mark price 1h, 2022-05-01..2026-01-16 (no volume): exchange-sim's mark price candles.</summary>
    public const string OkxBtcMark1h = "data/btc-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz";

    /// <summary>OKX ETH-USDT-SWAP mark price 1h, 2022-05-01..2026-01-16 (no volume).</summary>
    public const string OkxEthMark1h = "data/eth-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz";

    /// <summary>OKX SOL-USDT-SWAP mark price 1h, 2022-05-01..2026-01-16 (no volume).</summary>
    public const string OkxSolMark1h = "data/sol-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz";

    /// <summary>
    /// The series <c>backtest --instruments</c> prices each instrument by: OKX's 1h mark prices, the one history shipped
    /// for all three swaps over the same span (2022-05..2026-01). BTC spot is priced by the BTC swap's mark (the basis
    /// ignored, as the one-series backtest does). Mark candles record no volume: fills are not capped by a bar's volume.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> InstrumentSeries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["okx:BTC-USDT-SWAP"] = OkxBtcMark1h,
        ["okx:BTC-USDT"] = OkxBtcMark1h,
        ["okx:ETH-USDT-SWAP"] = OkxEthMark1h,
        ["okx:SOL-USDT-SWAP"] = OkxSolMark1h,
    };

    /// <summary>Binance spot BTC/USDT 5m, 2024-03-01..2026-02-19: the bench verb's series.</summary>
    public const string Binance5m = "data/btc-usdt-5m-binance-20240301-20260219.csv.gz";

    /// <summary>OKX's recorded funding rates per swap (2025-10-13..2026-01-15), by instrument.</summary>
    public static readonly IReadOnlyList<(string InstId, string Path)> OkxFunding =
    [
        ("BTC-USDT-SWAP", "data/btc-usdt-swap-funding-okx-20251013-20260115.csv.gz"),
        ("ETH-USDT-SWAP", "data/eth-usdt-swap-funding-okx-20251013-20260115.csv.gz"),
        ("SOL-USDT-SWAP", "data/sol-usdt-swap-funding-okx-20251013-20260115.csv.gz"),
    ];

    /// <summary>The shipped funding history, with <paramref name="defaultRate"/> wherever it has no rate.</summary>
    public static Prometheus.Engine.Market.FundingRates FundingRates(decimal defaultRate) =>
        Prometheus.Engine.Market.FundingRates.Load(defaultRate, OkxFunding.Select(f => (f.InstId, Resolve(f.Path))));

    /// <summary>An absolute path: a relative one is taken from the executable's folder.</summary>
    public static string Resolve(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path));
}
