namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>One attachAlgoOrds item: a stop-loss and/or take-profit OKX places when the order fills (slOrdPx/tpOrdPx -1 = market).</summary>
public sealed class OkxAttachAlgoOrdWire
{
    public string AttachAlgoId { get; set; } = "";

    public string AttachAlgoClOrdId { get; set; } = "";

    public string TpTriggerPx { get; set; } = "";

    public string TpTriggerPxType { get; set; } = "";

    public string TpOrdPx { get; set; } = "";

    public string SlTriggerPx { get; set; } = "";

    public string SlTriggerPxType { get; set; } = "";

    public string SlOrdPx { get; set; } = "";

    public string Sz { get; set; } = "";
}
