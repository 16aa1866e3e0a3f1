using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Exchange.Simulated.Faults;

/// <summary>A fault for the next <see cref="Requests"/> order requests (placements and cancellations).</summary>
/// <param name="FillRatio">For <see cref="FaultKind.PartialFill"/>: the share of each order that fills, in (0, 1).</param>
public sealed record FaultPlan(FaultKind Kind, int Requests, decimal FillRatio = 0.5m)
{
    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Kind))
            yield return $"kind must be one of {string.Join(", ", Enum.GetNames<FaultKind>())}";
        foreach (var error in Check.Range("requests", Requests, 1, 10_000))
            yield return error;
        if (Kind == FaultKind.PartialFill && FillRatio is <= 0m or >= 1m)
            yield return $"fillRatio must be between 0 and 1, exclusive (was {FillRatio})";
    }
}
