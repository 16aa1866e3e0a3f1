namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>POST /api/v5/account/set-leverage, answered back.</summary>
public sealed class OkxLeverageWire
{
    public string Lever { get; set; } = "";

    public string MgnMode { get; set; } = "";

    public string InstId { get; set; } = "";

    public string PosSide { get; set; } = "";
}
