namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>An instrument (GET /api/v5/public/instruments).</summary>
public sealed class OkxInstrumentWire
{
    public string Alias { get; set; } = "";

    public string BaseCcy { get; set; } = "";

    public string Category { get; set; } = "";

    public string CtMult { get; set; } = "";

    public string CtType { get; set; } = "";

    public string CtVal { get; set; } = "";

    public string CtValCcy { get; set; } = "";

    public string ExpTime { get; set; } = "";

    public string InstFamily { get; set; } = "";

    public string InstId { get; set; } = "";

    public string InstType { get; set; } = "";

    public string Lever { get; set; } = "";

    public string ListTime { get; set; } = "";

    public string LotSz { get; set; } = "";

    public string MaxIcebergSz { get; set; } = "";

    public string MaxLmtAmt { get; set; } = "";

    public string MaxLmtSz { get; set; } = "";

    public string MaxMktAmt { get; set; } = "";

    public string MaxMktSz { get; set; } = "";

    public string MaxStopSz { get; set; } = "";

    public string MaxTriggerSz { get; set; } = "";

    public string MaxTwapSz { get; set; } = "";

    public string MinSz { get; set; } = "";

    public string OptType { get; set; } = "";

    public string QuoteCcy { get; set; } = "";

    public string RuleType { get; set; } = "";

    public string SettleCcy { get; set; } = "";

    public string State { get; set; } = "";

    public string Stk { get; set; } = "";

    public string TickSz { get; set; } = "";

    public string Uly { get; set; } = "";
}
