namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>POST /api/v5/trade/close-position answer.</summary>
public sealed class OkxClosePositionWire
{
    public string InstId { get; set; } = "";

    public string PosSide { get; set; } = "";

    public string ClOrdId { get; set; } = "";

    public string Tag { get; set; } = "";
}
