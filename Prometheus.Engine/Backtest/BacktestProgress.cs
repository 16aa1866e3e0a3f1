namespace Prometheus.Engine.Backtest;

/// <summary>Progress of a running backtest, reported every few thousand bars.</summary>
public readonly record struct BacktestProgress(long BarsDone, long BarsTotal, int AgentsAlive, int Trades);
