namespace Prometheus.Engine.Agents;

public enum DecisionAction
{
    Hold,
    OpenLong,
    OpenShort,
    Add,
    Close,
}
