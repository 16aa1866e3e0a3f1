using Prometheus.Engine.Tests;
using System.Text.Json;
using System.Text.Json.Serialization;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;
using Prometheus.Web.Api;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.Api;

/// <summary>The API's funding facts, from an engine whose swap agents paid and received funding (as the host serializes them).</summary>
public class FundingViewTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static async Task<Supervisor> FundedAsync()
    {
        var options = new EngineOptions { Market = new MarketOptions { RegimeWindowDays = 1 }, Agents = new AgentOptions { Initial = 6, Max = 6 } };
        options.Mastermind.SpotShare = 0m;
        options.Simulated.InitialBalance = options.Mastermind.TotalCapital;
        var bars = CandleFileReader.Read(ShippedData.Resolve(ShippedData.Okx15m)).Take(2_000).ToList();
        var clock = new FixedClock(bars[0].TimestampMs);
        var exchange = new SimulatedExchange(options.Simulated, clock, new Random(7), funding: FundingRates.Flat(0.0001m));
        var supervisor = new Supervisor(options, exchange, clock, new Random(7));
        await supervisor.StartAsync();
        foreach (var bar in bars)
        {
            if (supervisor.Ledger.Funding.Count >= 10) break;
            clock.Ms = bar.TimestampMs + 900_000;
            exchange.OnBar(TestInstruments.BtcUsdt.InstId, bar);
            exchange.OnBar(TestInstruments.BtcUsdtSwap.InstId, bar);
            await supervisor.OnBarAsync(bar);
        }
        Assert.True(supervisor.Ledger.Funding.Count >= 10, "the swap agents were charged funding");
        return supervisor;
    }

    [Fact]
    public async Task An_agents_detail_says_the_net_funding_it_paid_and_the_ledger_check_counts_funding_records()
    {
        var supervisor = await FundedAsync();

        var model = new ReadModelBuilder().Build(supervisor, EngineStatus.Initial("paper"), null, 0);
        foreach (var id in supervisor.Ledger.Funding.Select(f => f.AgentId).Distinct())
        {
            var detail = JsonSerializer.SerializeToElement(EngineViews.Agent(model, id), Json);
            Assert.Equal(supervisor.Ledger.Private(id).FundingPaid, detail.GetProperty("fundingPaid").GetDecimal());
            Assert.Equal(supervisor.Ledger.Funding.Where(f => f.AgentId == id).Sum(f => f.Paid), detail.GetProperty("fundingPaid").GetDecimal());
        }
        var verify = JsonSerializer.SerializeToElement(LedgerVerification.Verify(supervisor.Ledger, null), Json);
        Assert.Equal(supervisor.Ledger.Funding.Count, verify.GetProperty("fundingRecords").GetInt32());
        Assert.Equal(supervisor.Ledger.Funding.Count, verify.GetProperty("privateFundingRecords").GetInt32());
        Assert.True(verify.GetProperty("consistent").GetBoolean());
    }

    private sealed class FixedClock(long ms) : TimeProvider
    {
        public long Ms { get; set; } = ms;
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Ms);
    }
}
