namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>A position (GET /api/v5/account/positions, positions channel).</summary>
public sealed class OkxPositionWire
{
    public string Adl { get; set; } = "";

    public string AvailPos { get; set; } = "";

    public string AvgPx { get; set; } = "";

    public string BaseBal { get; set; } = "";

    public string BaseBorrowed { get; set; } = "";

    public string BaseInterest { get; set; } = "";

    public string BePx { get; set; } = "";

    public string BizRefId { get; set; } = "";

    public string BizRefType { get; set; } = "";

    public string CTime { get; set; } = "";

    public string Ccy { get; set; } = "";

    public string ClSpotInUseAmt { get; set; } = "";

    public List<OkxAttachAlgoOrdWire> CloseOrderAlgo { get; set; } = [];

    public string DeltaBS { get; set; } = "";

    public string DeltaPA { get; set; } = "";

    public string Fee { get; set; } = "";

    public string FundingFee { get; set; } = "";

    public string GammaBS { get; set; } = "";

    public string GammaPA { get; set; } = "";

    public string IdxPx { get; set; } = "";

    public string Imr { get; set; } = "";

    public string InstId { get; set; } = "";

    public string InstType { get; set; } = "";

    public string Interest { get; set; } = "";

    public string Last { get; set; } = "";

    public string Lever { get; set; } = "";

    public string Liab { get; set; } = "";

    public string LiabCcy { get; set; } = "";

    public string LiqPenalty { get; set; } = "";

    public string LiqPx { get; set; } = "";

    public string Margin { get; set; } = "";

    public string MarkPx { get; set; } = "";

    public string MaxSpotInUseAmt { get; set; } = "";

    public string MgnMode { get; set; } = "";

    public string MgnRatio { get; set; } = "";

    public string Mmr { get; set; } = "";

    public string NotionalUsd { get; set; } = "";

    public string OptVal { get; set; } = "";

    public string PendingCloseOrdLiabVal { get; set; } = "";

    public string Pnl { get; set; } = "";

    public string Pos { get; set; } = "";

    public string PosCcy { get; set; } = "";

    public string PosId { get; set; } = "";

    public string PosSide { get; set; } = "";

    public string QuoteBal { get; set; } = "";

    public string QuoteBorrowed { get; set; } = "";

    public string QuoteInterest { get; set; } = "";

    public string RealizedPnl { get; set; } = "";

    public string SpotInUseAmt { get; set; } = "";

    public string SpotInUseCcy { get; set; } = "";

    public string ThetaBS { get; set; } = "";

    public string ThetaPA { get; set; } = "";

    public string TradeId { get; set; } = "";

    public string UTime { get; set; } = "";

    public string Upl { get; set; } = "";

    public string UplLastPx { get; set; } = "";

    public string UplRatio { get; set; } = "";

    public string UplRatioLastPx { get; set; } = "";

    public string UsdPx { get; set; } = "";

    public string VegaBS { get; set; } = "";

    public string VegaPA { get; set; } = "";
}
