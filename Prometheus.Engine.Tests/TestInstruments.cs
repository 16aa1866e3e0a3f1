using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Tests;

/// <summary>The instruments tests trade, as the shipped catalog specifies them (the engine's default pair).</summary>
internal static class TestInstruments
{
    public static Instrument BtcUsdt => InstrumentCatalog.Shipped.Get("BTC-USDT");
    public static Instrument BtcUsdtSwap => InstrumentCatalog.Shipped.Get("BTC-USDT-SWAP");
    public static Instrument EthUsdtSwap => InstrumentCatalog.Shipped.Get("ETH-USDT-SWAP");

    /// <summary>The pair the engine trades by default.</summary>
    public static IReadOnlyList<Instrument> All => [BtcUsdt, BtcUsdtSwap];

    public static Instrument Get(string instId) => InstrumentCatalog.Shipped.Get(instId);
}
