namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>A fill (GET /api/v5/trade/fills and fills-history). fee is negative when paid.</summary>
public sealed class OkxFillWire
{
    public string Side { get; set; } = "";

    public string FillSz { get; set; } = "";

    public string FillPx { get; set; } = "";

    public string FillPxVol { get; set; } = "";

    public string FillFwdPx { get; set; } = "";

    public string Fee { get; set; } = "";

    public string FillPnl { get; set; } = "";

    public string OrdId { get; set; } = "";

    public string FeeRate { get; set; } = "";

    public string InstType { get; set; } = "";

    public string FillPxUsd { get; set; } = "";

    public string InstId { get; set; } = "";

    public string ClOrdId { get; set; } = "";

    public string PosSide { get; set; } = "";

    public string BillId { get; set; } = "";

    public string FillMarkVol { get; set; } = "";

    public string Tag { get; set; } = "";

    public string FillTime { get; set; } = "";

    public string ExecType { get; set; } = "";

    public string FillIdxPx { get; set; } = "";

    public string TradeId { get; set; } = "";

    public string FillMarkPx { get; set; } = "";

    public string FeeCcy { get; set; } = "";

    public string Ts { get; set; } = "";
}
