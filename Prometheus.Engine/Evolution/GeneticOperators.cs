using Prometheus.Engine.Agents;

namespace Prometheus.Engine.Evolution;

/// <summary>
/// Crossover and mutation over genomes, inside a <see cref="GeneProfile"/>'s ranges (the seed profile by default):
/// a child of parents inside the profile is inside it too.
/// </summary>
public static class GeneticOperators
{
    /// <summary>Per gene: take one parent's value, or a random blend of both (BLX-style, within the parents' span).</summary>
    public static Genome Crossover(Genome a, Genome b, Random random)
    {
        var values = new double[a.Values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var roll = random.NextDouble();
            values[i] = roll < 0.4 ? a[i] : roll < 0.8 ? b[i] : a[i] + random.NextDouble() * (b[i] - a[i]);
        }
        return new Genome(values);
    }

    /// <summary>Each gene, with probability <paramref name="rate"/>, moves by a normal step of <paramref name="scale"/> × its range.</summary>
    public static Genome Mutate(Genome genome, double rate, double scale, Random random, GeneProfile? profile = null)
    {
        var genes = (profile ?? GeneProfile.Seed).Genes;
        var values = new double[genes.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = genome[i];
            if (random.NextDouble() < rate)
                values[i] += NextGaussian(random) * scale * genes[i].Span;
            values[i] = genes[i].Clamp(values[i]);
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
