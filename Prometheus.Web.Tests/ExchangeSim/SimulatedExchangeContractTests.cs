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
        _exchange = ContractExchanges.Embedded(TimeProvider.System);
        return Task.FromResult<IExchange>(_exchange);
    }

    protected override void Feed(Candle bar) => ContractExchanges.Feed(_exchange!, bar);

    protected override Task DisposeExchangeAsync()
    {
        _exchange?.Dispose();
        return Task.CompletedTask;
    }
}
