namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>An order as OKX writes it: GET /api/v5/trade/order, orders-pending, orders-history(-archive), and the orders channel (which adds the fill fields of the execution that caused the push). Every value is a string; an absent one is "".</summary>
public class OkxOrderWire
{
    public string AccFillSz { get; set; } = "";

    public string AlgoClOrdId { get; set; } = "";

    public string AlgoId { get; set; } = "";

    public string AttachAlgoClOrdId { get; set; } = "";

    public List<OkxAttachAlgoOrdWire> AttachAlgoOrds { get; set; } = [];

    public string AvgPx { get; set; } = "";

    public string CTime { get; set; } = "";

    public string CancelSource { get; set; } = "";

    public string CancelSourceReason { get; set; } = "";

    public string Category { get; set; } = "";

    public string Ccy { get; set; } = "";

    public string ClOrdId { get; set; } = "";

    public string Fee { get; set; } = "";

    public string FeeCcy { get; set; } = "";

    public string FillPx { get; set; } = "";

    public string FillSz { get; set; } = "";

    public string FillTime { get; set; } = "";

    public string InstId { get; set; } = "";

    public string InstType { get; set; } = "";

    public string IsTpLimit { get; set; } = "";

    public string Lever { get; set; } = "";

    public OkxLinkedAlgoOrdWire LinkedAlgoOrd { get; set; } = new();

    public string OrdId { get; set; } = "";

    public string OrdType { get; set; } = "";

    public string Pnl { get; set; } = "";

    public string PosSide { get; set; } = "";

    public string Px { get; set; } = "";

    public string PxType { get; set; } = "";

    public string PxUsd { get; set; } = "";

    public string PxVol { get; set; } = "";

    public string QuickMgnType { get; set; } = "";

    public string Rebate { get; set; } = "";

    public string RebateCcy { get; set; } = "";

    public string ReduceOnly { get; set; } = "";

    public string Side { get; set; } = "";

    public string SlOrdPx { get; set; } = "";

    public string SlTriggerPx { get; set; } = "";

    public string SlTriggerPxType { get; set; } = "";

    public string Source { get; set; } = "";

    public string State { get; set; } = "";

    public string StpId { get; set; } = "";

    public string StpMode { get; set; } = "";

    public string Sz { get; set; } = "";

    public string Tag { get; set; } = "";

    public string TdMode { get; set; } = "";

    public string TgtCcy { get; set; } = "";

    public string TpOrdPx { get; set; } = "";

    public string TpTriggerPx { get; set; } = "";

    public string TpTriggerPxType { get; set; } = "";

    public string TradeId { get; set; } = "";

    public string UTime { get; set; } = "";
}
