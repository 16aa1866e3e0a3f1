namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>GET /api/v5/account/config: the account's settings, posMode among them.</summary>
public sealed class OkxAccountConfigWire
{
    public string AcctLv { get; set; } = "";

    public bool AutoLoan { get; set; }

    public string CtIsoMode { get; set; } = "";

    public string GreeksType { get; set; } = "";

    public string Ip { get; set; } = "";

    public string KycLv { get; set; } = "";

    public string Label { get; set; } = "";

    public string Level { get; set; } = "";

    public string LevelTmp { get; set; } = "";

    public string LiquidationGear { get; set; } = "";

    public string MainUid { get; set; } = "";

    public string MgnIsoMode { get; set; } = "";

    public string OpAuth { get; set; } = "";

    public string Perm { get; set; } = "";

    public string PosMode { get; set; } = "";

    public string RoleType { get; set; } = "";

    public string SpotOffsetType { get; set; } = "";

    public string SpotRoleType { get; set; } = "";

    public List<string> SpotTraderInsts { get; set; } = [];

    public List<string> TraderInsts { get; set; } = [];

    public string Uid { get; set; } = "";
}
