using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Evolution;

/// <summary>When and how the population breeds and dies. Section: Prometheus:Evolution.</summary>
public sealed class EvolutionOptions : IValidatable
{
    public const string Section = "Prometheus:Evolution";

    /// <summary>Time between two generations (hourly; the backtest uses the same clock, in bar time).</summary>
    public double IntervalHours { get; set; } = 1;

    /// <summary>An agent younger than this is never culled for weak fitness (it may still go bankrupt).</summary>
    public double GraceHours { get; set; } = 168;

    /// <summary>
    /// Share of the population culled per day, spread over the day's generations (fractions carry over), taken
    /// from the agents past their grace period whose fitness is negative, weakest first. Pressure raises it up to 2x.
    /// </summary>
    public double CullFraction { get; set; } = 0.05;

    /// <summary>Trades an agent needs before its fitness counts in full.</summary>
    public int MinTrades { get; set; } = 5;

    /// <summary>Weight of the max-drawdown penalty in fitness.</summary>
    public double DrawdownPenalty { get; set; } = 2.0;

    public double MutationRate { get; set; } = 0.2;

    /// <summary>Mutation step as a share of each gene's range.</summary>
    public double MutationScale { get; set; } = 0.1;

    public int TournamentSize { get; set; } = 3;

    /// <summary>Heroes kept in Valhalla whose genomes may seed births.</summary>
    public int Heroes { get; set; } = 10;

    /// <summary>Chance that a birth takes one parent from the heroes rather than the living.</summary>
    public double HeroParentChance { get; set; } = 0.2;

    /// <summary>The gene ranges evolution searches: <c>seed</c> (the seed documents' ranges) or <c>wide</c> (holding from one bar to 7 days).</summary>
    public string Profile { get; set; } = GeneProfile.Seed.Name;

    /// <summary>
    /// Bars an agent must have been able to trade (indicators warm, trading on) before weak fitness may cull it; -1 (the
    /// default) means the bars of one <see cref="GraceHours"/> period. Unlike the grace period it does not count the
    /// warm-up, so founders are never culled at the tied fitness of agents that could not trade yet.
    /// </summary>
    public int MinBarsBeforeCull { get; set; } = -1;

    /// <summary>
    /// Seed of a live or paper engine's random draws (founders, breeding), 0 to 2147483647. Unset (the default): a random
    /// one, chosen at the first start. Either way it is saved with the engine's state at its first start and a restart
    /// goes on with the saved one, so this applies to a fresh data dir only. Each cycle draws from a generator derived
    /// from the seed and the cycle's bar time. Backtests and research take theirs from --seed.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary><see cref="Profile"/> as the profile itself.</summary>
    public GeneProfile GeneProfile => GeneProfile.TryGet(Profile, out var profile) ? profile : Agents.GeneProfile.Seed;

    /// <summary><see cref="MinBarsBeforeCull"/> in force for bars of <paramref name="barMs"/> milliseconds.</summary>
    public long MinBarsBeforeCullFor(long barMs) =>
        MinBarsBeforeCull >= 0 ? MinBarsBeforeCull : barMs <= 0 ? 0 : (long)Math.Ceiling(GraceHours * 3_600_000 / barMs);

    /// <summary>A copy, with the gene profile replaced when <paramref name="profile"/> is given.</summary>
    public EvolutionOptions With(string? profile = null)
    {
        var copy = (EvolutionOptions)MemberwiseClone();
        if (profile is not null) copy.Profile = profile;
        return copy;
    }

    public IEnumerable<string> Validate() =>
        Check.Range($"{Section}:IntervalHours", IntervalHours, 0.01, 24 * 365)
            .Concat(Check.Range($"{Section}:GraceHours", GraceHours, 0, 24 * 365))
            .Concat(Check.Range($"{Section}:CullFraction", CullFraction, 0, 0.9))
            .Concat(Check.Range($"{Section}:MinTrades", MinTrades, 0, 10_000))
            .Concat(Check.Range($"{Section}:DrawdownPenalty", DrawdownPenalty, 0, 100))
            .Concat(Check.Range($"{Section}:MutationRate", MutationRate, 0, 1))
            .Concat(Check.Range($"{Section}:MutationScale", MutationScale, 0, 1))
            .Concat(Check.Range($"{Section}:TournamentSize", TournamentSize, 1, 100))
            .Concat(Check.Range($"{Section}:Heroes", Heroes, 0, 1000))
            .Concat(Check.Range($"{Section}:HeroParentChance", HeroParentChance, 0, 1))
            .Concat(Check.Range($"{Section}:MinBarsBeforeCull", MinBarsBeforeCull, -1, 10_000_000))
            .Concat(Seed is { } seed ? Check.Range($"{Section}:Seed", seed, 0, int.MaxValue) : [])
            .Concat(GeneProfile.TryGet(Profile, out _) ? []
                : [$"{Section}:Profile must be one of {string.Join(", ", GeneProfile.All.Select(p => p.Name))} (was '{Profile}')"]);
}
