namespace Prometheus.Engine.Research;

/// <summary>
/// The research verb's report. Every figure is out of sample: each window's population traded bars it had not seen,
/// beside the null models and benchmarks over the same bars with the same costs. Serialized camelCase; the names are a
/// public contract.
/// </summary>
public sealed record ResearchReport
{
    public required string Data { get; init; }
    public required string Profile { get; init; }
    public required ResearchSettingsReport Settings { get; init; }
    public required ResearchPeriod Period { get; init; }
    public required HoldoutInfo Holdout { get; init; }
    public required CostsReport Costs { get; init; }
    public required IReadOnlyList<SeedReport> Seeds { get; init; }
    public required ResearchSummary Summary { get; init; }
    /// <summary>The holdout's figures over seeds, only with --final.</summary>
    public ModelDistributions? HoldoutSummary { get; init; }
    public required int Parallel { get; init; }
    public required double Seconds { get; init; }
    public required double AgentBarsPerSecond { get; init; }
    public required long AgentBars { get; init; }
}

public sealed record ResearchSettingsReport(int FirstSeed, int SeedCount, int Agents, int Windows, int? TrainDays, int TestDays,
    int HoldoutDays, bool Final, string Training);

/// <summary>The data read and the warm-up at its start (read by the indicators, never traded).</summary>
public sealed record ResearchPeriod(DateTimeOffset From, DateTimeOffset To, int WarmupBars);

/// <summary>The last days of the data: never read unless <see cref="Used"/> (--final).</summary>
public sealed record HoldoutInfo(DateTimeOffset From, DateTimeOffset To, bool Used);

/// <summary>The costs every run pays: OKX's taker fees, the simulated exchange's slippage model, and funding.</summary>
public sealed record CostsReport(decimal SpotTakerFee, decimal SwapTakerFee, decimal BaseSlippageBps, decimal RandomSlippageBps,
    decimal ImpactBpsPerBarVolume, decimal DefaultFundingRate, int FundingTimesRecorded, int FundingTimesDefaulted);

/// <summary>One model's figures over a stretch of bars. Alpha and beta are against buy-and-hold, from daily returns.</summary>
public sealed record ModelFigures(decimal Roi, double Sharpe, decimal MaxDrawdown, int Trades, decimal FeesPaid, decimal FundingPaid,
    double Alpha, double Beta);

/// <summary>The population and what it is measured against, over the same bars.</summary>
public sealed record ModelSet(ModelFigures Population, ModelFigures RandomTiming, ModelFigures FrozenGenomes, ModelFigures ExposureMatched,
    ModelFigures BuyHold);

/// <summary>
/// One walk-forward window of one seed: the dates, the population's size and exposure in its test, and each model's
/// figures over the test bars.
/// </summary>
public sealed record WindowReport(
    DateTimeOffset TrainFrom,
    DateTimeOffset TrainTo,
    DateTimeOffset TestFrom,
    DateTimeOffset TestTo,
    int Agents,
    decimal Exposure,
    double AvgGrossExposure,
    ModelFigures Population,
    ModelFigures RandomTiming,
    ModelFigures FrozenGenomes,
    ModelFigures ExposureMatched,
    ModelFigures BuyHold);

/// <summary>The holdout traded once by the population evolved on everything before it (--final).</summary>
public sealed record HoldoutReport(DateTimeOffset From, DateTimeOffset To, int Agents, decimal Exposure, ModelSet Models);

/// <summary>
/// One seed: its windows, <see cref="Test"/> over the test windows chained end to end (each model's daily returns
/// concatenated, its returns compounded, its trades and costs summed), and the holdout with --final.
/// </summary>
public sealed record SeedReport(int Seed, IReadOnlyList<WindowReport> Windows, ModelSet Test, HoldoutReport? Holdout,
    IReadOnlyList<EquityPoint> TestEquity);

/// <summary>Each model's equity on the chained test windows at the end of a day (1 = where it started).</summary>
public sealed record EquityPoint(DateTimeOffset Day, double Population, double RandomTiming, double FrozenGenomes, double ExposureMatched,
    double BuyHold);

/// <summary>The median and the 10th and 90th percentiles of one metric over seeds.</summary>
public sealed record Spread(double Median, double P10, double P90);

/// <summary>One model's metrics over seeds (test windows chained).</summary>
public sealed record MetricDistribution(Spread Roi, Spread Sharpe, Spread MaxDrawdown, Spread Trades, Spread FeesPaid, Spread FundingPaid,
    Spread Alpha, Spread Beta);

public sealed record ModelDistributions(MetricDistribution Population, MetricDistribution RandomTiming, MetricDistribution FrozenGenomes,
    MetricDistribution ExposureMatched, MetricDistribution BuyHold);

/// <summary>
/// Over seeds: each model's distribution, the share of seeds whose population had a higher test Sharpe than each
/// comparison in the same seed, and the verdict in one plain sentence.
/// </summary>
public sealed record ResearchSummary(
    MetricDistribution Population,
    MetricDistribution RandomTiming,
    MetricDistribution FrozenGenomes,
    MetricDistribution ExposureMatched,
    MetricDistribution BuyHold,
    double BeatsRandomTimingShare,
    double BeatsExposureMatchedShare,
    double BeatsBuyHoldShare,
    double BeatsFrozenGenomesShare,
    string Verdict);
