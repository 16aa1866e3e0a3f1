using FsCheck;
using FsCheck.Fluent;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;

namespace Prometheus.Engine.Tests.Agents;

public class GenomeTests
{
    private static void AssertInRange(Genome genome)
    {
        for (var i = 0; i < Genome.Genes.Count; i++)
        {
            var gene = Genome.Genes[i];
            Assert.InRange(genome[i], gene.Min, gene.Max);
        }
    }

    [Fact]
    public void The_issue_ranges_are_the_gene_ranges()
    {
        var ranges = Genome.Genes.ToDictionary(g => g.Name, g => (g.Min, g.Max));
        Assert.Equal((0.05, 0.15), ranges["long_threshold"]);
        Assert.Equal((-0.15, -0.05), ranges["short_threshold"]);
        Assert.Equal((0.5, 1.0), ranges["max_position"]);
        Assert.Equal((0.03, 0.08), ranges["stop_loss"]);
        Assert.Equal((0.05, 0.15), ranges["take_profit"]);
        Assert.Equal((300.0, 3600.0), ranges["holding_period"]);
        Assert.Equal((0.5, 1.5), ranges["risk_aversion"]);
        Assert.Equal((0.1, 0.9), ranges["market_regime_adaptation"]);
    }

    [Fact]
    public void Genes_stay_in_range_after_any_mutation_or_crossover()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<int>(), Arb.From(Gen.Choose(0, 1000).Select(x => x / 100.0)), (seed, scale) =>
        {
            var random = new Random(seed);
            var a = Genome.Random(random);
            var b = Genome.Random(random);
            for (var round = 0; round < 20; round++)
            {
                var child = GeneticOperators.Mutate(GeneticOperators.Crossover(a, b, random), rate: 1.0, scale: scale, random);
                AssertInRange(child);
                (a, b) = (b, child);
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Out_of_range_or_nan_values_are_clamped_by_construction()
    {
        var values = Genome.Genes.Select((g, i) => i % 3 == 0 ? double.NaN : i % 3 == 1 ? g.Max * 10 + 5 : g.Min - 100).ToArray();
        AssertInRange(new Genome(values));
    }

    [Fact]
    public void Same_seed_gives_the_same_genome()
    {
        Assert.Equal(Genome.Random(new Random(9)), Genome.Random(new Random(9)));
        Assert.NotEqual(Genome.Random(new Random(9)), Genome.Random(new Random(10)));
    }
}
