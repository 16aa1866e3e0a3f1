namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>
/// One settled funding rate (GET /api/v5/public/funding-rate-history): fundingRate as published, realizedRate as
/// applied to positions, fundingTime the settlement time (Unix ms).
/// </summary>
public sealed class OkxFundingRateWire
{
    public string InstType { get; set; } = "";

    public string InstId { get; set; } = "";

    public string FormulaType { get; set; } = "";

    public string FundingRate { get; set; } = "";

    public string RealizedRate { get; set; } = "";

    public string FundingTime { get; set; } = "";

    public string Method { get; set; } = "";
}
