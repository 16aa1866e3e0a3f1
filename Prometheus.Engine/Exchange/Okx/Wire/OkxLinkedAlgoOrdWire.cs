namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>The linkedAlgoOrd object of an order.</summary>
public sealed class OkxLinkedAlgoOrdWire
{
    public string AlgoId { get; set; } = "";
}
