namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>
/// A swap's current funding (GET /api/v5/public/funding-rate): fundingRate is the rate the coming settlement at
/// fundingTime charges, nextFundingTime the settlement after it; settFundingRate the rate of the last settlement.
/// nextFundingRate is empty, as OKX leaves it for instruments it does not forecast.
/// </summary>
public sealed class OkxCurrentFundingRateWire
{
    public string InstType { get; set; } = "";

    public string InstId { get; set; } = "";

    public string Method { get; set; } = "";

    public string FormulaType { get; set; } = "";

    public string FundingRate { get; set; } = "";

    public string NextFundingRate { get; set; } = "";

    public string FundingTime { get; set; } = "";

    public string NextFundingTime { get; set; } = "";

    public string SettState { get; set; } = "";

    public string SettFundingRate { get; set; } = "";

    public string Ts { get; set; } = "";
}
