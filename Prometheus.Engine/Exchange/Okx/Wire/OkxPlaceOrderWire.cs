namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>
/// POST /api/v5/trade/order body (and each item of batch-orders). Absent values stay null and are left out of the
/// JSON (<see cref="OkxJson.Request"/>). attachAlgoOrds items carry slTriggerPx/slOrdPx/tpTriggerPx/tpOrdPx.
/// </summary>
public sealed class OkxPlaceOrderWire
{
    public string? InstId { get; set; }

    /// <summary>cash (spot), isolated or cross.</summary>
    public string? TdMode { get; set; }

    public string? Side { get; set; }

    /// <summary>long or short in long_short_mode; left out for spot.</summary>
    public string? PosSide { get; set; }

    public string? OrdType { get; set; }

    public string? Sz { get; set; }

    public string? Px { get; set; }

    /// <summary>"true" or absent (OKX takes a JSON boolean or a string).</summary>
    public bool? ReduceOnly { get; set; }

    /// <summary>base_ccy: a spot market order's sz is in the base currency (OKX's default for a market buy is the quote).</summary>
    public string? TgtCcy { get; set; }

    public string? ClOrdId { get; set; }

    public string? Tag { get; set; }

    public List<Dictionary<string, string>>? AttachAlgoOrds { get; set; }
}
