namespace Prometheus.Engine.Risk;

/// <summary>The risk engine's answer; a denial is a value with its reason, never an exception.</summary>
public readonly record struct RiskVerdict(bool Allowed, RiskDenialReason? Reason, string Detail)
{
    public static readonly RiskVerdict Allow = new(true, null, "");

    public static RiskVerdict Deny(RiskDenialReason reason, string detail) => new(false, reason, detail);
}
