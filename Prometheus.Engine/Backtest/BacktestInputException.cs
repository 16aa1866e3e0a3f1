namespace Prometheus.Engine.Backtest;

/// <summary>A backtest asked for something the data or the rules cannot give (a date range outside the data, no agents).</summary>
public sealed class BacktestInputException(string message) : Exception(message);
