namespace Prometheus.Engine.Agents;

/// <summary>Temperament fixed at birth, each trait in [0, 1]; inherited from the parents with some noise.</summary>
public readonly record struct Personality(double Optimism, double Aggression, double RiskTolerance)
{
    public static Personality Random(Random random) =>
        new(random.NextDouble(), random.NextDouble(), random.NextDouble());

    public static Personality Inherit(Personality a, Personality b, Random random)
    {
        static double Mix(double x, double y, Random r) => Math.Clamp((x + y) / 2 + (r.NextDouble() - 0.5) * 0.2, 0, 1);
        return new(Mix(a.Optimism, b.Optimism, random), Mix(a.Aggression, b.Aggression, random),
            Mix(a.RiskTolerance, b.RiskTolerance, random));
    }
}
