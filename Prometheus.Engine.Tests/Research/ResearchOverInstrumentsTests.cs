using System.Text.Json;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Market;
using Prometheus.Engine.Research;

namespace Prometheus.Engine.Tests.Research;

/// <summary>Research over three swaps' aligned 1h mark series (the first half of 2023): walk-forward, nulls and the basket benchmarks.</summary>
public class ResearchOverInstrumentsTests
{
    private static readonly long From = new DateTimeOffset(2022, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long Until = new DateTimeOffset(2023, 7, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly ResearchSettings Small = new(Seeds: 2, Agents: 9, Windows: 2, TestDays: 20, HoldoutDays: 20, Parallel: 1);

    private static readonly Lazy<AlignedCandleSource> Source = new(() => new AlignedCandleSource(
    [
        Series("okx:BTC-USDT-SWAP", "btc-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
        Series("okx:ETH-USDT-SWAP", "eth-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
        Series("okx:SOL-USDT-SWAP", "sol-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
    ]));

    private static CandleSeries Series(string id, string file)
    {
        var all = CandleSeries.Load(id, TestData.Path(file), recordsNoVolume: true);
        return all with { Bars = [.. all.Bars.Where(b => b.TimestampMs >= From && b.TimestampMs < Until)] };
    }

    /// <summary>The report without its timings, which differ run to run.</summary>
    private static string Figures(ResearchReport report) =>
        JsonSerializer.Serialize(report with { Seconds = 0, AgentBarsPerSecond = 0, Parallel = 0 });

    [Fact]
    public void The_same_seeds_give_the_same_report_whatever_the_parallelism_and_the_holdout_is_left_out()
    {
        var one = ResearchRunner.Run(Source.Value, Small, new EngineOptions(), FundingRates.Flat(0.0001m));
        var two = ResearchRunner.Run(Source.Value, Small with { Parallel = 2 }, new EngineOptions(), FundingRates.Flat(0.0001m));

        Assert.Equal(Figures(one), Figures(two));
        Assert.Equal("okx:BTC-USDT-SWAP, okx:ETH-USDT-SWAP, okx:SOL-USDT-SWAP", one.Data);
        Assert.False(one.Holdout.Used);
        Assert.All(one.Seeds.SelectMany(s => s.Windows), w => Assert.True(w.TestTo <= one.Holdout.From));
        // The population traded in every test window, and the nulls and benchmarks were run beside it.
        Assert.All(one.Seeds.SelectMany(s => s.Windows), w => Assert.True(w.Population.Trades > 0, "the population traded nothing"));
        Assert.All(one.Seeds.SelectMany(s => s.Windows), w => Assert.True(w.BuyHold.Trades >= 3, "buy-and-hold enters each of the three swaps"));
    }
}
