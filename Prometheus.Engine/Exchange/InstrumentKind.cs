namespace Prometheus.Engine.Exchange;

public enum InstrumentKind
{
    Spot,
    Swap,
}
