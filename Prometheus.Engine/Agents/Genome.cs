using System.Text.Json.Serialization;

namespace Prometheus.Engine.Agents;

/// <summary>
/// The heritable parameters of an agent. Immutable; every gene is held inside <see cref="GeneProfile.Envelope"/> by
/// construction, and evolution keeps it inside its profile's ranges (<see cref="GeneProfile"/>). A genome stored
/// before later genes existed reads back with those genes at their neutral value.
/// </summary>
public sealed class Genome : IEquatable<Genome>
{
    /// <summary>The genes in order, with the seed profile's ranges (<see cref="GeneProfile.Seed"/>).</summary>
    public static IReadOnlyList<Gene> Genes => GeneProfile.Seed.Genes;

    public const int LongThresholdIndex = 0, ShortThresholdIndex = 1, MaxPositionIndex = 2, StopLossIndex = 3,
        TakeProfitIndex = 4, HoldingPeriodIndex = 5, RiskAversionIndex = 6, RegimeAdaptationIndex = 7,
        WeightRsiIndex = 8, WeightMacdIndex = 9, WeightBollingerIndex = 10, WeightMomentumIndex = 11, CostGateIndex = 12,
        WeightTrendIndex = 13;

    private readonly double[] _values;

    [JsonConstructor]
    public Genome(IReadOnlyList<double> values)
    {
        var envelope = GeneProfile.Envelope;
        if (values.Count > envelope.Count || values.Count < OriginalGeneCount)
            throw new ArgumentException($"A genome has {envelope.Count} genes, not {values.Count}.", nameof(values));
        _values = new double[envelope.Count];
        for (var i = 0; i < _values.Length; i++)
            _values[i] = i < values.Count ? envelope[i].Clamp(values[i]) : envelope[i].Neutral!.Value;
        WeightSum = WeightRsi + WeightMacd + WeightBollinger + WeightMomentum + WeightTrend;
    }

    /// <summary>The indicator weights' sum, computed once: every decision divides by it.</summary>
    [JsonIgnore] public double WeightSum { get; }

    /// <summary>The genes every stored genome has (the later ones read back neutral when missing).</summary>
    private const int OriginalGeneCount = 12;

    public double this[int index] => _values[index];

    /// <summary>The genes in <see cref="Genes"/> order (what is stored and serialized).</summary>
    public IReadOnlyList<double> Values => _values;

    [JsonIgnore] public double LongThreshold => _values[LongThresholdIndex];
    [JsonIgnore] public double ShortThreshold => _values[ShortThresholdIndex];
    [JsonIgnore] public double MaxPosition => _values[MaxPositionIndex];
    [JsonIgnore] public double StopLoss => _values[StopLossIndex];
    [JsonIgnore] public double TakeProfit => _values[TakeProfitIndex];
    [JsonIgnore] public double HoldingPeriodSeconds => _values[HoldingPeriodIndex];
    [JsonIgnore] public double RiskAversion => _values[RiskAversionIndex];
    [JsonIgnore] public double RegimeAdaptation => _values[RegimeAdaptationIndex];
    [JsonIgnore] public double WeightRsi => _values[WeightRsiIndex];
    [JsonIgnore] public double WeightMacd => _values[WeightMacdIndex];
    [JsonIgnore] public double WeightBollinger => _values[WeightBollingerIndex];
    [JsonIgnore] public double WeightMomentum => _values[WeightMomentumIndex];
    [JsonIgnore] public double CostGate => _values[CostGateIndex];
    [JsonIgnore] public double WeightTrend => _values[WeightTrendIndex];

    /// <summary>A genome drawn uniformly inside every range of <paramref name="profile"/> (the seed profile by default).</summary>
    public static Genome Random(Random random, GeneProfile? profile = null)
    {
        var genes = (profile ?? GeneProfile.Seed).Genes;
        var values = new double[genes.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = genes[i].Min + random.NextDouble() * genes[i].Span;
        return new Genome(values);
    }

    /// <summary>Whether every gene is inside <paramref name="profile"/>'s range.</summary>
    public bool IsInside(GeneProfile profile)
    {
        for (var i = 0; i < _values.Length; i++)
            if (_values[i] < profile.Genes[i].Min || _values[i] > profile.Genes[i].Max) return false;
        return true;
    }

    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var map = new Dictionary<string, double>(Genes.Count);
        for (var i = 0; i < Genes.Count; i++)
            map[Genes[i].Name] = _values[i];
        return map;
    }

    public bool Equals(Genome? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as Genome);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in _values) hash.Add(v);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        string.Join(", ", Genes.Select((g, i) => $"{g.Name}={_values[i]:0.####}"));
}
