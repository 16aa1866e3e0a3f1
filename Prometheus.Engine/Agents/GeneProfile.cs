namespace Prometheus.Engine.Agents;

/// <summary>
/// The ranges evolution searches each gene in: founders are drawn inside them and mutation and crossover keep
/// children inside them. <see cref="Seed"/> holds the seed documents' ranges; <see cref="Wide"/> lets holding run from
/// one bar to 7 days, with thresholds, stop and take-profit widened to match moves over such horizons.
/// A genome itself is only clamped to <see cref="Envelope"/> (every profile's range at once), so a genome keeps its
/// values whatever profile reads it back. Both profiles list the genes in <see cref="Genome"/>'s order.
/// <c>cost_gate</c> is how many times its round-trip cost an entry's expected move must be (see DecisionMaker.ClearsCostGate);
/// <c>weight_trend</c> weighs the slow trend (days) among the indicators.
/// </summary>
public sealed class GeneProfile
{
    public static readonly GeneProfile Seed = new("seed",
    [
        new("long_threshold", 0.05, 0.15),
        new("short_threshold", -0.15, -0.05),
        new("max_position", 0.5, 1.0),
        new("stop_loss", 0.03, 0.08),
        new("take_profit", 0.05, 0.15),
        new("holding_period", 300, 3600),
        new("risk_aversion", 0.5, 1.5),
        new("market_regime_adaptation", 0.1, 0.9),
        new("weight_rsi", 0, 1),
        new("weight_macd", 0, 1),
        new("weight_bollinger", 0, 1),
        new("weight_momentum", 0, 1),
        new("cost_gate", 1, 5, Neutral: 1),
        new("weight_trend", 0, 1, Neutral: 0),
    ]);

    public static readonly GeneProfile Wide = new("wide",
    [
        new("long_threshold", 0.02, 0.40),
        new("short_threshold", -0.40, -0.02),
        new("max_position", 0.2, 1.0),
        new("stop_loss", 0.01, 0.30),
        new("take_profit", 0.01, 0.60),
        new("holding_period", 300, 7 * 86_400),
        new("risk_aversion", 0.5, 1.5),
        new("market_regime_adaptation", 0, 1),
        new("weight_rsi", 0, 1),
        new("weight_macd", 0, 1),
        new("weight_bollinger", 0, 1),
        new("weight_momentum", 0, 1),
        new("cost_gate", 1, 5, Neutral: 1),
        new("weight_trend", 0, 1, Neutral: 0),
    ]);

    public static IReadOnlyList<GeneProfile> All { get; } = [Seed, Wide];

    /// <summary>Every profile's range at once: what any stored genome is clamped to.</summary>
    public static readonly IReadOnlyList<Gene> Envelope = [.. Seed.Genes.Select((g, i) =>
        g with { Min = All.Min(p => p.Genes[i].Min), Max = All.Max(p => p.Genes[i].Max) })];

    private GeneProfile(string name, IReadOnlyList<Gene> genes)
    {
        Name = name;
        Genes = genes;
    }

    public string Name { get; }
    public IReadOnlyList<Gene> Genes { get; }

    public static bool TryGet(string? name, out GeneProfile profile)
    {
        profile = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }

    public static GeneProfile Get(string name) =>
        TryGet(name, out var profile) ? profile
            : throw new ArgumentException($"unknown gene profile '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})", nameof(name));

    public override string ToString() => Name;
}
