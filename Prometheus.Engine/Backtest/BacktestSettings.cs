namespace Prometheus.Engine.Backtest;

/// <summary>What one backtest run is asked to do (the backtest verb's arguments).</summary>
public sealed record BacktestSettings(
    string DataPath,
    int Agents,
    int Seed,
    DateOnly? From = null,
    DateOnly? To = null,
    /// <summary>Share of the bars that evolution learns on; the rest is reported as out-of-sample.</summary>
    double InSampleShare = 0.7);
