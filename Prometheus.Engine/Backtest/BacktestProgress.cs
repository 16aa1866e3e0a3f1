namespace Prometheus.Engine.Backtest;

/// <summary>Progress of a running backtest, reported every 512 bars and at the last.</summary>
public readonly record struct BacktestProgress(long BarsDone, long BarsTotal, int AgentsAlive, int Trades);
