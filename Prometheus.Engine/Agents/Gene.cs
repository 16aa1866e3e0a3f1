namespace Prometheus.Engine.Agents;

/// <summary>A gene's name and the range every genome keeps it inside, whatever mutation or crossover does.</summary>
public sealed record Gene(string Name, double Min, double Max)
{
    public double Clamp(double value) => double.IsNaN(value) ? (Min + Max) / 2 : Math.Clamp(value, Min, Max);

    public double Span => Max - Min;
}
