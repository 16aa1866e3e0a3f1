namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>The account (GET /api/v5/account/balance, account channel): totals in USD and one detail per currency.</summary>
public sealed class OkxBalanceWire
{
    public string AdjEq { get; set; } = "";

    public string AvailEq { get; set; } = "";

    public string BorrowFroz { get; set; } = "";

    public List<OkxBalanceDetailWire> Details { get; set; } = [];

    public string Imr { get; set; } = "";

    public string IsoEq { get; set; } = "";

    public string MgnRatio { get; set; } = "";

    public string Mmr { get; set; } = "";

    public string NotionalUsd { get; set; } = "";

    public string NotionalUsdForBorrow { get; set; } = "";

    public string NotionalUsdForFutures { get; set; } = "";

    public string NotionalUsdForOption { get; set; } = "";

    public string NotionalUsdForSwap { get; set; } = "";

    public string OrdFroz { get; set; } = "";

    public string TotalEq { get; set; } = "";

    public string UTime { get; set; } = "";

    public string Upl { get; set; } = "";
}
