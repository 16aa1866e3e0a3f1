namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>
/// An account bill (GET /api/v5/account/bills), with OKX's fields. Funding is type "8", subType "173" (expense) or
/// "174" (income): balChg is the settlement (negative when paid), sz the position in contracts, px the mark price
/// used, ts the settlement time. <see cref="PosSide"/> is not an OKX field: exchange-sim adds it (our extension);
/// real OKX bills carry no side, which the gateway then infers (see <see cref="OkxMapper.FundingSide"/>).
/// </summary>
public sealed class OkxBillWire
{
    public string BillId { get; set; } = "";

    public string InstType { get; set; } = "";

    public string InstId { get; set; } = "";

    public string Ccy { get; set; } = "";

    public string MgnMode { get; set; } = "";

    public string Type { get; set; } = "";

    public string SubType { get; set; } = "";

    public string BalChg { get; set; } = "";

    public string Bal { get; set; } = "";

    public string PosBalChg { get; set; } = "";

    public string PosBal { get; set; } = "";

    public string Sz { get; set; } = "";

    public string Px { get; set; } = "";

    public string Pnl { get; set; } = "";

    public string Fee { get; set; } = "";

    public string EarnAmt { get; set; } = "";

    public string EarnApr { get; set; } = "";

    public string OrdId { get; set; } = "";

    public string ClOrdId { get; set; } = "";

    public string TradeId { get; set; } = "";

    public string ExecType { get; set; } = "";

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public string Notes { get; set; } = "";

    public string Interest { get; set; } = "";

    public string Tag { get; set; } = "";

    public string FillTime { get; set; } = "";

    public string FillIdxPx { get; set; } = "";

    public string FillMarkPx { get; set; } = "";

    public string FillPxVol { get; set; } = "";

    public string FillPxUsd { get; set; } = "";

    public string FillMarkVol { get; set; } = "";

    public string FillFwdPx { get; set; } = "";

    public string Ts { get; set; } = "";

    /// <summary>"long" or "short": exchange-sim's extension; absent ("") on real OKX bills.</summary>
    public string PosSide { get; set; } = "";
}
