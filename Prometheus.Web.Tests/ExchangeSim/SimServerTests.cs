using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>A test class with its own exchange-sim server, priced at 40,000 before each test.</summary>
public abstract class SimServerTests : IAsyncLifetime
{
    internal SimServerKit Kit { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Kit = await SimServerKit.StartAsync();
        Kit.Server.PushBar(Bar(40_000m, 39_995m, 40_005m));
    }

    public virtual async Task DisposeAsync() => await Kit.DisposeAsync();

    protected static Candle Bar(decimal close, decimal low, decimal high, decimal volume = 100m) => new(0, close, high, low, close, volume);

    protected static async Task<ExchangeFill> NextFillAsync(OkxExchange gateway)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await gateway.Fills.ReadAsync(timeout.Token);
    }

    protected static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
