using Prometheus.Engine.Backtest;

namespace Prometheus.Web.Tests.Cli;

/// <summary>Made-up reports for the formatting tests; the figures mean nothing.</summary>
internal static class SampleReports
{
    public static BacktestReport Backtest(BestAgentReport? best = null) => new()
    {
        Data = "/opt/prometheus/data/btc-usdt-swap-15m-okx-20230101-20260418.csv.gz",
        From = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2026, 4, 18, 4, 15, 0, TimeSpan.Zero),
        Bars = 115_506,
        Period = new PeriodReport(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 18, 4, 15, 0, TimeSpan.Zero), 2_881),
        Agents = 10,
        Seed = 42,
        Profile = "seed",
        InitialCapital = 100_000m,
        FinalEquity = 112_345.67m,
        Roi = 0.1234567m,
        RoiOnDeployed = 0.2469134m,
        MaxDrawdown = 0.0815m,
        Sharpe = 1.2345,
        WinRate = 0.542m,
        Trades = 1_234,
        AvgHoldingHours = 6.54,
        BuyHoldRoi = 0.8012m,
        BuyHoldMaxDrawdown = 0.302m,
        FeesPaid = 1_234.5m,
        FundingPaid = 321.5m,
        FundingEvents = new FundingEventsReport(284, 3_300),
        BuyHold = new BenchmarkReport(1m, 0.8012m, 1.1, 0.302m, 50m, 4_000m),
        ExposureMatched = new BenchmarkReport(0.21m, 0.15m, 0.9, 0.08m, 300m, 800m),
        Cash = new BenchmarkReport(0m, 0m, 0, 0m, 0m, 0m),
        Alpha = -0.012,
        Beta = 0.2,
        InformationRatio = -0.3,
        AvgNetExposure = 0.21,
        AvgGrossExposure = 0.35,
        DeployedShare = 0.5,
        MedianAgent = new AgentFigures(9, -0.04m, -0.2, 0.12m, 150),
        Births = 40,
        Deaths = 35,
        Valhalla = 10,
        AgentsAlive = 15,
        OutOfSample = new SampleReport(
            new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 4, 18, 4, 15, 0, TimeSpan.Zero),
            -0.021m, 0.05m, double.NaN, 321, 0.1m),
        BestAgent = best,
        ElapsedSeconds = 12.34,
        AgentBarsPerSecond = 1_234_567.8,
        LedgerHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        AgentBars = 1_155_060,
        Bookings = 1_234,
        BookingSeconds = 0.01,
    };

    public static BestAgentReport Best() => new(17, "Ares", 15_000m, 5_000m, 88, 0.61m, 2.5,
        new Dictionary<string, double> { ["rsiBuy"] = 28.5, ["aggression"] = 0.75 });

    public static BenchReport Bench() => new(new BenchBacktest(100, 207_624, 2_500_000.4, 1_234.5, 312.25, 8.3,
        "/opt/prometheus/data/btc-usdt-5m-binance-20240301-20260219.csv.gz"));
}
