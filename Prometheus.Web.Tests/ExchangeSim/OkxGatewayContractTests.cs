using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>The contract against the OKX gateway, end to end: REST and WebSockets to exchange-sim on loopback.</summary>
public sealed class OkxGatewayContractTests : ExchangeContractTests
{
    private SimServerKit? _kit;
    private OkxExchange? _gateway;

    protected override async Task<IExchange> CreateAsync()
    {
        (_kit, _gateway) = await ContractExchanges.GatewayAsync();
        return _gateway;
    }

    protected override void Feed(Candle bar) => _kit!.Server.PushBar(bar);

    protected override Task DisposeExchangeAsync() => ContractExchanges.DisposeAsync(_kit, _gateway);
}
