using Prometheus.Engine.Backtest;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Backtest;

/// <summary>
/// A backtest over three swaps, each priced by its own OKX 1h mark price series aligned by bar time: every instrument
/// trades at its own prices, the books hold per instrument, and the same seed gives the same ledger.
/// </summary>
public class MultiInstrumentBacktestTests
{
    private static readonly (string Id, string File)[] Swaps =
    [
        ("okx:BTC-USDT-SWAP", "btc-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
        ("okx:ETH-USDT-SWAP", "eth-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
        ("okx:SOL-USDT-SWAP", "sol-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz"),
    ];

    private static BacktestSettings Settings(int seed) => new(TestData.Path(Swaps[0].File), Agents: 12, Seed: seed,
        new DateOnly(2023, 1, 1), new DateOnly(2023, 6, 30),
        Series: [.. Swaps.Select(s => new InstrumentSeriesFile(s.Id, TestData.Path(s.File), RecordsNoVolume: true))]);

    private static readonly Lazy<(BacktestReport Report, Prometheus.Engine.Supervision.Supervisor Supervisor, Prometheus.Engine.Exchange.Simulated.SimulatedExchange Exchange)> Run =
        new(() => BacktestHarness.Run(Settings(5)));

    [Fact]
    public void The_same_seed_gives_the_same_ledger_and_another_seed_another()
    {
        var again = BacktestHarness.Run(Settings(5)).Report;
        var other = BacktestHarness.Run(Settings(6)).Report;

        Assert.Equal(Run.Value.Report.LedgerHash, again.LedgerHash);
        Assert.Equal(Run.Value.Report.FinalEquity, again.FinalEquity);
        Assert.NotEqual(Run.Value.Report.LedgerHash, other.LedgerHash);
    }

    [Fact]
    public void Each_instrument_trades_at_its_own_prices()
    {
        var (report, supervisor, _) = Run.Value;
        Assert.Equal(Swaps.Select(s => s.Id), report.Instruments.Select(i => i.Id));
        Assert.All(report.Instruments, i => Assert.True(i.Fills > 20, $"{i.Id}: {i.Fills} fills"));
        foreach (var (id, file) in Swaps)
        {
            var instId = id["okx:".Length..];
            var bars = CandleFileReader.Read(TestData.Path(file), volumeMayBeEmpty: true)
                .Where(c => c.TimestampMs >= new DateTimeOffset(2022, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()
                    && c.TimestampMs < new DateTimeOffset(2023, 7, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds())
                .ToList();
            var (low, high) = (bars.Min(b => b.Low), bars.Max(b => b.High));
            // Slippage moves a fill a few basis points past the bar: 1% is far inside the gap between coins' prices.
            Assert.All(supervisor.Ledger.Records.Where(r => r.InstId == instId),
                r => Assert.InRange(r.Price, low * 0.99m, high * 1.01m));
            Assert.True(supervisor.Marks[supervisor.Instruments.Get(id)] is var mark && mark >= low && mark <= high, $"{id} is marked at its own price");
        }
    }

    [Fact]
    public void The_coins_prices_an_equity_point_keeps_are_each_coin_s_own_mark()
    {
        var supervisor = Run.Value.Supervisor;
        var prices = supervisor.CoinPricesNow();

        Assert.NotNull(prices);
        Assert.Equal(["BTC", "ETH", "SOL"], prices.Items.Select(p => p.Key));
        foreach (var (id, _) in Swaps)
        {
            var instrument = supervisor.Instruments.Get(id);
            Assert.Equal(supervisor.Marks[instrument], prices[instrument.BaseCcy]);
        }
        var population = supervisor.CaptureEquity()[0];
        Assert.Equal(prices, population.Prices);
        Assert.Equal(population.MarketPrice, prices["BTC"]);
    }

    [Fact]
    public async Task The_books_hold_per_instrument_and_match_the_exchange()
    {
        var (_, supervisor, exchange) = Run.Value;
        var positions = await exchange.GetPositionsAsync();
        foreach (var (id, _) in Swaps)
        {
            var instrument = supervisor.Instruments.Get(id);
            foreach (var side in new[] { PositionSide.Long, PositionSide.Short })
            {
                var booked = supervisor.Ledger.PrivateLedgers.Values.Sum(l => l.Position(instrument, side) is { IsOpen: true } lot ? lot.Amount : 0m);
                var held = positions.Where(p => p.InstId == instrument.InstId && p.PosSide == side).Sum(p => p.Size);
                Assert.Equal(held, booked);
            }
        }
        var sum = supervisor.Ledger.PrivateLedgers.Values.Sum(l => l.Equity(supervisor.Marks)) + supervisor.Mastermind.Pool;
        Assert.Equal(sum, supervisor.Equity);
    }

    [Fact]
    public void The_benchmarks_hold_the_three_swaps_equally_over_the_same_bars()
    {
        var report = Run.Value.Report;
        Assert.Equal(1m, report.BuyHold.Exposure);
        Assert.Equal(report.BuyHoldRoi, report.BuyHold.Roi);
        // Three legs, each entered once: three fills' fees, none after (buy-and-hold never trades again).
        Assert.True(report.BuyHold.FeesPaid > 0m);
        Assert.Equal(report.From, report.Period.From);
    }
}
