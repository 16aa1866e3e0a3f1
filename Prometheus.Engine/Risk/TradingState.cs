namespace Prometheus.Engine.Risk;

/// <summary>The system's trading state (NautilusTrader's): Reducing lets only exposure-reducing orders through.</summary>
public enum TradingState
{
    Active,
    Reducing,
    Halted,
}
