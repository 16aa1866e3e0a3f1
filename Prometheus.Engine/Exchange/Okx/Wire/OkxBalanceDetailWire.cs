namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>One currency of the account balance. cashBal includes frozenBal; availBal is what can be used now.</summary>
public sealed class OkxBalanceDetailWire
{
    public string AccAvgPx { get; set; } = "";

    public string AvailBal { get; set; } = "";

    public string AvailEq { get; set; } = "";

    public string BorrowFroz { get; set; } = "";

    public string CashBal { get; set; } = "";

    public string Ccy { get; set; } = "";

    public string ClSpotInUseAmt { get; set; } = "";

    public string ColBorrAutoConversion { get; set; } = "";

    public bool CollateralEnabled { get; set; }

    public bool CollateralRestrict { get; set; }

    public string CrossLiab { get; set; } = "";

    public string DisEq { get; set; } = "";

    public string Eq { get; set; } = "";

    public string EqUsd { get; set; } = "";

    public string FixedBal { get; set; } = "";

    public string FrozenBal { get; set; } = "";

    public string Imr { get; set; } = "";

    public string Interest { get; set; } = "";

    public string IsoEq { get; set; } = "";

    public string IsoLiab { get; set; } = "";

    public string IsoUpl { get; set; } = "";

    public string Liab { get; set; } = "";

    public string MaxLoan { get; set; } = "";

    public string MaxSpotInUse { get; set; } = "";

    public string MgnRatio { get; set; } = "";

    public string Mmr { get; set; } = "";

    public string NotionalLever { get; set; } = "";

    public string OpenAvgPx { get; set; } = "";

    public string OrdFrozen { get; set; } = "";

    public string RewardBal { get; set; } = "";

    public string SmtSyncEq { get; set; } = "";

    public string SpotBal { get; set; } = "";

    public string SpotCopyTradingEq { get; set; } = "";

    public string SpotInUseAmt { get; set; } = "";

    public string SpotIsoBal { get; set; } = "";

    public string SpotUpl { get; set; } = "";

    public string SpotUplRatio { get; set; } = "";

    public string StgyEq { get; set; } = "";

    public string TotalPnl { get; set; } = "";

    public string TotalPnlRatio { get; set; } = "";

    public string Twap { get; set; } = "";

    public string UTime { get; set; } = "";

    public string Upl { get; set; } = "";

    public string UplLiab { get; set; } = "";
}
