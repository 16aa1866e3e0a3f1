using FsCheck;
using FsCheck.Fluent;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;

namespace Prometheus.Engine.Tests.Agents;

public class GenomeTests
{
    private static void AssertInRange(Genome genome, IReadOnlyList<Gene>? genes = null)
    {
        genes ??= Genome.Genes;
        for (var i = 0; i < genes.Count; i++)
            Assert.InRange(genome[i], genes[i].Min, genes[i].Max);
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

    [Theory]
    [InlineData("seed")]
    [InlineData("wide")]
    public void Genes_stay_in_their_profiles_range_after_any_mutation_or_crossover(string name)
    {
        var profile = GeneProfile.Get(name);
        var property = Prop.ForAll(ArbMap.Default.ArbFor<int>(), Arb.From(Gen.Choose(0, 1000).Select(x => x / 100.0)), (seed, scale) =>
        {
            var random = new Random(seed);
            var a = Genome.Random(random, profile);
            var b = Genome.Random(random, profile);
            for (var round = 0; round < 20; round++)
            {
                var child = GeneticOperators.Mutate(GeneticOperators.Crossover(a, b, random), rate: 1.0, scale: scale, random, profile);
                AssertInRange(child, profile.Genes);
                Assert.True(child.IsInside(profile));
                (a, b) = (b, child);
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Out_of_range_or_nan_values_are_clamped_into_every_profiles_envelope_by_construction()
    {
        var values = Genome.Genes.Select((g, i) => i % 3 == 0 ? double.NaN : i % 3 == 1 ? g.Max * 10 + 5 : g.Min - 100).ToArray();
        AssertInRange(new Genome(values), GeneProfile.Envelope);
    }

    [Fact]
    public void The_wide_profile_holds_from_one_bar_to_seven_days_and_contains_the_seed_profile()
    {
        var wide = GeneProfile.Wide.Genes.ToDictionary(g => g.Name);
        Assert.Equal((300.0, 7 * 86_400.0), (wide["holding_period"].Min, wide["holding_period"].Max));
        foreach (var seed in GeneProfile.Seed.Genes)
        {
            Assert.True(wide[seed.Name].Min <= seed.Min && wide[seed.Name].Max >= seed.Max, seed.Name);
        }
        Assert.Equal(GeneProfile.Seed.Genes.Select(g => g.Name), GeneProfile.Wide.Genes.Select(g => g.Name));
    }

    [Fact]
    public void A_genome_stored_before_the_cost_gate_and_trend_genes_reads_back_with_them_neutral()
    {
        var old = new Genome(Genome.Genes.Take(12).Select(g => (g.Min + g.Max) / 2).ToArray());
        Assert.Equal(1, old.CostGate);
        Assert.Equal(0, old.WeightTrend);
        Assert.Equal(14, old.Values.Count);
    }

    [Fact]
    public void Same_seed_gives_the_same_genome()
    {
        Assert.Equal(Genome.Random(new Random(9)), Genome.Random(new Random(9)));
        Assert.NotEqual(Genome.Random(new Random(9)), Genome.Random(new Random(10)));
    }
}
