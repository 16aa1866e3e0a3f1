using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>The contract against the embedded simulated exchange, in process.</summary>
public sealed class SimulatedExchangeContractTests : ExchangeContractTests
{
    private SimulatedExchange? _exchange;

    protected override Task<IExchange> CreateAsync()
    {
        _exchange = new SimulatedExchange(new SimulatedExchangeOptions { RandomSlippageBps = 0m }, TimeProvider.System, new Random(42));
        return Task.FromResult<IExchange>(_exchange);
    }

    protected override void Feed(Candle bar)
    {
        foreach (var instrument in _exchange!.Instruments)
            _exchange.OnBar(instrument.InstId, bar);
    }

    protected override Task DisposeExchangeAsync()
    {
        _exchange?.Dispose();
        return Task.CompletedTask;
    }
}
