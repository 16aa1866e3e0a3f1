using Prometheus.Engine.Research;

namespace Prometheus.Web.Cli.Html;

/// <summary>
/// The five models of a research report, in the order every table and chart shows them: their names, a key for CSS
/// and tests, a colour, and how to read each one's figures out of the report's records.
/// </summary>
internal sealed record ResearchModel(
    string Name,
    string Key,
    string Color,
    bool Dashed,
    Func<ModelSet, ModelFigures> Figures,
    Func<WindowReport, ModelFigures> Window,
    Func<EquityPoint, double> Equity,
    Func<ModelDistributions, MetricDistribution> Distribution,
    Func<ResearchSummary, double?> BeatenShare)
{
    public static readonly ResearchModel Population = new("Population", "population", "#1f5fbf", false,
        m => m.Population, w => w.Population, p => p.Population, d => d.Population, _ => null);

    public static readonly ResearchModel RandomTiming = new("Random timing", "random-timing", "#e07b00", false,
        m => m.RandomTiming, w => w.RandomTiming, p => p.RandomTiming, d => d.RandomTiming, s => s.BeatsRandomTimingShare);

    public static readonly ResearchModel FrozenGenomes = new("Frozen genomes", "frozen-genomes", "#8a4fbf", false,
        m => m.FrozenGenomes, w => w.FrozenGenomes, p => p.FrozenGenomes, d => d.FrozenGenomes, s => s.BeatsFrozenGenomesShare);

    public static readonly ResearchModel ExposureMatched = new("Exposure-matched", "exposure-matched", "#1d8a5a", false,
        m => m.ExposureMatched, w => w.ExposureMatched, p => p.ExposureMatched, d => d.ExposureMatched, s => s.BeatsExposureMatchedShare);

    public static readonly ResearchModel BuyHold = new("Buy & hold", "buy-hold", "#6b7280", true,
        m => m.BuyHold, w => w.BuyHold, p => p.BuyHold, d => d.BuyHold, s => s.BeatsBuyHoldShare);

    public static readonly IReadOnlyList<ResearchModel> All = [Population, RandomTiming, FrozenGenomes, ExposureMatched, BuyHold];

    /// <summary>The summary's distributions as a <see cref="ModelDistributions"/>, so the summary and the holdout read alike.</summary>
    public static ModelDistributions Distributions(ResearchSummary s) =>
        new(s.Population, s.RandomTiming, s.FrozenGenomes, s.ExposureMatched, s.BuyHold);
}
