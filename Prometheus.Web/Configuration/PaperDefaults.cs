using Microsoft.Extensions.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Configuration;

/// <summary>
/// What <c>serve</c> paper-trades on the embedded exchange when configuration names nothing: BTC spot and the BTC, ETH
/// and SOL swaps, each coin on its own shipped series aligned at 1H — BTC on the traded candles of Prometheus:Paper:Data
/// (15m, with volume) gathered into whole hours, ETH and SOL on OKX's 1h mark prices (no volume recorded). The other verbs
/// (backtest on one file, research, bench) and OKX mode keep the one-coin default, which one candle series prices.
/// </summary>
/// <remarks>
/// Laid over configuration only where it is silent, and whole: configuration arrays merge by index, so a default list
/// under a list the user gave would leave stray entries. Naming any Prometheus:Mastermind:Instruments (or
/// Prometheus:Paper:Series) replaces the default entirely; traded instruments of one coin replay Prometheus:Paper:Data alone.
/// </remarks>
public static class PaperDefaults
{
    /// <summary>The OKX bar every default series is aligned on.</summary>
    public const string Bar = "1H";

    public static IReadOnlyList<string> Instruments { get; } = ["okx:BTC-USDT", "okx:BTC-USDT-SWAP", "okx:ETH-USDT-SWAP", "okx:SOL-USDT-SWAP"];

    /// <summary>The shipped series per coin, other than BTC's (which is Prometheus:Paper:Data).</summary>
    private static readonly IReadOnlyDictionary<string, (string Instrument, string Data)> MarkSeries = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["ETH"] = ("okx:ETH-USDT-SWAP", ShippedData.OkxEthMark1h),
        ["SOL"] = ("okx:SOL-USDT-SWAP", ShippedData.OkxSolMark1h),
    };

    /// <summary>The keys to lay over <paramref name="configuration"/> (none on OKX, or where it names its own).</summary>
    public static Dictionary<string, string?> For(IConfiguration configuration)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (string.Equals(configuration[ExchangeOptions.Section + ":Mode"], nameof(ExchangeMode.Okx), StringComparison.OrdinalIgnoreCase))
            return settings;
        var instrumentsKey = MastermindOptions.Section + ":Instruments";
        var named = configuration.GetSection(instrumentsKey).GetChildren().Select(c => c.Value ?? "").ToList();
        var traded = named.Count > 0 ? named : Instruments;
        if (named.Count == 0)
            for (var i = 0; i < Instruments.Count; i++)
                settings[$"{instrumentsKey}:{i}"] = Instruments[i];
        if (configuration.GetSection(PaperOptions.Section + ":Series").GetChildren().Any())
            return settings;

        var catalog = InstrumentOptions.Load(configuration).Catalog;
        var coins = traded.Where(catalog.Contains).Select(id => catalog.Get(id).BaseCcy).Distinct().ToList();
        if (coins.Count < 2) return settings; // one coin: Prometheus:Paper:Data prices it, at its own interval
        var series = new List<(string Instrument, string Data, bool RecordsNoVolume)>();
        foreach (var coin in coins)
        {
            if (coin == "BTC")
                series.Add((traded.FirstOrDefault(id => catalog.Contains(id) && catalog.Get(id) is { BaseCcy: "BTC", Kind: InstrumentKind.Swap }) ?? "okx:BTC-USDT-SWAP",
                    configuration[PaperOptions.Section + ":Data"] is { Length: > 0 } data ? data : ShippedData.Okx15m, false));
            else if (MarkSeries.TryGetValue(coin, out var mark))
                series.Add((mark.Instrument, mark.Data, true));
            // A coin with no shipped series gets none: startup then names Prometheus:Paper:Series as the key to set.
        }
        for (var i = 0; i < series.Count; i++)
        {
            var key = $"{PaperOptions.Section}:Series:{i}";
            settings[$"{key}:Instrument"] = series[i].Instrument;
            settings[$"{key}:Data"] = series[i].Data;
            settings[$"{key}:RecordsNoVolume"] = series[i].RecordsNoVolume ? "true" : "false";
            settings[$"{key}:Bar"] = Bar;
        }
        return settings;
    }
}
