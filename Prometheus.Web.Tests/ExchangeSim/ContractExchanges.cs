using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>The two exchanges the contract tests drive alike: the embedded simulated exchange, and the gateway on exchange-sim.</summary>
internal static class ContractExchanges
{
    /// <summary>The embedded exchange, no random slippage, on <paramref name="time"/>.</summary>
    public static SimulatedExchange Embedded(TimeProvider time, FundingRates? funding = null) =>
        new(new SimulatedExchangeOptions { RandomSlippageBps = 0m }, time, new Random(42), funding: funding);

    /// <summary>The same bar for every instrument.</summary>
    public static void Feed(SimulatedExchange exchange, Candle bar)
    {
        foreach (var instrument in exchange.Instruments)
            exchange.OnBar(instrument.InstId, bar);
    }

    /// <summary>exchange-sim on loopback and the gateway on its private socket, both on <paramref name="time"/> (the system clock by default).</summary>
    public static async Task<(SimServerKit Kit, OkxExchange Gateway)> GatewayAsync(TimeProvider? time = null)
    {
        var kit = await SimServerKit.StartAsync(time: time);
        return (kit, await kit.GatewayAsync(streams: OkxStreams.Private, time: time));
    }

    public static async Task DisposeAsync(SimServerKit? kit, OkxExchange? gateway)
    {
        if (gateway is not null)
            await gateway.DisposeAsync();
        if (kit is not null)
            await kit.DisposeAsync();
    }
}
