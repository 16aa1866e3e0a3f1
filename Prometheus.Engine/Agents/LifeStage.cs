namespace Prometheus.Engine.Agents;

public enum LifeStage
{
    Newborn,
    Adolescent,
    Mature,
    Elder,
    Dead,
}
