using System.Globalization;

namespace Prometheus.Engine.Research;

/// <summary>
/// The research's conclusion over seeds: each model's spread, how often the population beat each comparison in the same
/// seed (test Sharpe), and one plain sentence. The population is said to beat a comparison only when it did in more than
/// half the seeds; the sentence gives the one-sided sign test's p-value so a coin-flip majority is not read as an edge.
/// </summary>
public static class ResearchVerdict
{
    public static ResearchSummary Summarize(IReadOnlyList<ModelSet> seeds)
    {
        var d = Distributions(seeds);
        var n = seeds.Count;
        int Beats(Func<ModelSet, ModelFigures> other) => seeds.Count(s => s.Population.Sharpe > other(s).Sharpe);
        var random = Beats(s => s.RandomTiming);
        var matched = Beats(s => s.ExposureMatched);
        var hold = Beats(s => s.BuyHold);
        var frozen = Beats(s => s.FrozenGenomes);
        return new ResearchSummary(d.Population, d.RandomTiming, d.FrozenGenomes, d.ExposureMatched, d.BuyHold,
            Share(random, n), Share(matched, n), Share(hold, n), Share(frozen, n),
            Verdict(n, matched, random, frozen, hold, d.Population.Sharpe.Median, d.ExposureMatched.Sharpe.Median, d.RandomTiming.Sharpe.Median));
    }

    public static ModelDistributions Distributions(IReadOnlyList<ModelSet> seeds) => new(
        Of(seeds.Select(s => s.Population)), Of(seeds.Select(s => s.RandomTiming)), Of(seeds.Select(s => s.FrozenGenomes)),
        Of(seeds.Select(s => s.ExposureMatched)), Of(seeds.Select(s => s.BuyHold)));

    private static string Verdict(int n, int matched, int random, int frozen, int hold, double population, double exposureMatched, double randomTiming)
    {
        var beats = 2 * matched > n && 2 * random > n;
        var inv = CultureInfo.InvariantCulture;
        var head = beats
            ? $"The population beat the exposure-matched benchmark out of sample in {matched} of {n} seeds (sign test p = {SignTest(matched, n).ToString("0.###", inv)}) and the random-timing null in {random} of {n} (p = {SignTest(random, n).ToString("0.###", inv)})"
            : 2 * matched > n
                ? $"The population beat the exposure-matched benchmark out of sample in {matched} of {n} seeds (sign test p = {SignTest(matched, n).ToString("0.###", inv)}) but not the random-timing null: {random} of {n}, so its timing adds nothing the same trades at random bars would not"
                : $"The population did not beat the exposure-matched benchmark out of sample: {matched} of {n} seeds; against random timing {random} of {n}";
        return head + string.Create(inv,
            $"; median test Sharpe {population:0.00} against {exposureMatched:0.00} (exposure-matched) and {randomTiming:0.00} (random timing); it beat random genomes in {frozen} of {n} and buy-and-hold in {hold} of {n}.");
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, 1/2): the chance of k or more wins of n if the population had no edge.</summary>
    public static double SignTest(int k, int n)
    {
        if (k <= 0) return 1;
        double p = 0, c = 1; // c = C(n, i)
        for (var i = 0; i <= n; i++)
        {
            if (i >= k) p += c;
            c = c * (n - i) / (i + 1);
        }
        return p / Math.Pow(2, n);
    }

    private static double Share(int count, int n) => n == 0 ? 0 : (double)count / n;

    private static MetricDistribution Of(IEnumerable<ModelFigures> figures)
    {
        var list = figures.ToList();
        Spread S(Func<ModelFigures, double> metric) => Spread(list.Select(metric));
        return new MetricDistribution(S(f => (double)f.Roi), S(f => f.Sharpe), S(f => (double)f.MaxDrawdown), S(f => f.Trades),
            S(f => (double)f.FeesPaid), S(f => (double)f.FundingPaid), S(f => f.Alpha), S(f => f.Beta));
    }

    public static Spread Spread(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new Spread(Percentile(sorted, 0.5), Percentile(sorted, 0.1), Percentile(sorted, 0.9));
    }

    /// <summary>Linear interpolation between the closest ranks (numpy's default); 0 for no values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return 0;
        var rank = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
