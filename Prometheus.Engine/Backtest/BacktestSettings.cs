namespace Prometheus.Engine.Backtest;

/// <summary>What one backtest run is asked to do (the backtest verb's arguments).</summary>
public sealed record BacktestSettings(
    string DataPath,
    int Agents,
    int Seed,
    DateOnly? From = null,
    DateOnly? To = null,
    /// <summary>Share of the traded bars (after the warm-up) that evolution learns on; the rest is reported as out-of-sample.</summary>
    double InSampleShare = 0.7,
    /// <summary>The gene profile; null takes Prometheus:Evolution:Profile.</summary>
    string? Profile = null,
    /// <summary>The funding rates the swap settles at; null charges Prometheus:Backtest:DefaultFundingRate throughout.</summary>
    Prometheus.Engine.Market.FundingRates? Funding = null,
    /// <summary>
    /// Several instruments, each priced by its own file, walked together by bar time (<see cref="DataPath"/> unused);
    /// agents trade these instruments. Null: <see cref="DataPath"/> prices every configured instrument.
    /// </summary>
    IReadOnlyList<InstrumentSeriesFile>? Series = null);
