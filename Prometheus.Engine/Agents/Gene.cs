namespace Prometheus.Engine.Agents;

/// <summary>
/// A gene's name and a range to keep it inside. <see cref="Neutral"/> is the value a genome stored before the gene
/// existed reads back as (the gene's effect switched off); null for the original genes.
/// </summary>
public sealed record Gene(string Name, double Min, double Max, double? Neutral = null)
{
    public double Clamp(double value) => double.IsNaN(value) ? (Min + Max) / 2 : Math.Clamp(value, Min, Max);

    public double Span => Max - Min;
}
