using System.Text.Json.Serialization;

namespace Prometheus.Engine.Agents;

/// <summary>
/// The heritable parameters of an agent. Immutable; every gene is held inside its <see cref="Gene"/> range
/// by construction, so no mutation or crossover can leave a genome out of range.
/// </summary>
public sealed class Genome : IEquatable<Genome>
{
    public static readonly IReadOnlyList<Gene> Genes =
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
    ];

    public const int LongThresholdIndex = 0, ShortThresholdIndex = 1, MaxPositionIndex = 2, StopLossIndex = 3,
        TakeProfitIndex = 4, HoldingPeriodIndex = 5, RiskAversionIndex = 6, RegimeAdaptationIndex = 7,
        WeightRsiIndex = 8, WeightMacdIndex = 9, WeightBollingerIndex = 10, WeightMomentumIndex = 11;

    private readonly double[] _values;

    [JsonConstructor]
    public Genome(IReadOnlyList<double> values)
    {
        if (values.Count != Genes.Count)
            throw new ArgumentException($"A genome has {Genes.Count} genes, not {values.Count}.", nameof(values));
        _values = new double[Genes.Count];
        for (var i = 0; i < _values.Length; i++)
            _values[i] = Genes[i].Clamp(values[i]);
    }

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

    /// <summary>A genome drawn uniformly inside every range.</summary>
    public static Genome Random(Random random)
    {
        var values = new double[Genes.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = Genes[i].Min + random.NextDouble() * Genes[i].Span;
        return new Genome(values);
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
