using Prometheus.Engine.Agents;

namespace Prometheus.Engine.Evolution;

/// <summary>
/// Crossover and mutation over genomes. Both go through the <see cref="Genome"/> constructor, which clamps every
/// gene into its range, so a child is always valid.
/// </summary>
public static class GeneticOperators
{
    /// <summary>Per gene: take one parent's value, or a random blend of both (BLX-style, within the parents' span).</summary>
    public static Genome Crossover(Genome a, Genome b, Random random)
    {
        var values = new double[Genome.Genes.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var roll = random.NextDouble();
            values[i] = roll < 0.4 ? a[i] : roll < 0.8 ? b[i] : a[i] + random.NextDouble() * (b[i] - a[i]);
        }
        return new Genome(values);
    }

    /// <summary>Each gene, with probability <paramref name="rate"/>, moves by a normal step of <paramref name="scale"/> × its range.</summary>
    public static Genome Mutate(Genome genome, double rate, double scale, Random random)
    {
        var values = new double[Genome.Genes.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = genome[i];
            if (random.NextDouble() < rate)
                values[i] += NextGaussian(random) * scale * Genome.Genes[i].Span;
        }
        return new Genome(values);
    }

    /// <summary>Standard normal by Box-Muller, from the seeded generator.</summary>
    public static double NextGaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
