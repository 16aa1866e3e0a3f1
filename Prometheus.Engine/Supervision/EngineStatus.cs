using Prometheus.Engine.Market;

namespace Prometheus.Engine.Supervision;

/// <summary>The engine at the end of its latest cycle, published for readers on other threads (API, status log).</summary>
public sealed record EngineStatus(
    EngineState State,
    string StateReason,
    string Mode,
    long Cycle,
    decimal Equity,
    decimal UnrealizedPnl,
    int AgentsAlive,
    int AgentsDead,
    MarketRegime Regime,
    int Trades,
    int Births,
    int Deaths,
    long? LastCheckpointAtMs,
    long MarketTimeMs,
    double CycleMilliseconds,
    string TradingState)
{
    public static EngineStatus Initial(string mode) =>
        new(EngineState.Starting, "", mode, 0, 0m, 0m, 0, 0, MarketRegime.Sideways, 0, 0, 0, null, 0, 0, "Active");
}
