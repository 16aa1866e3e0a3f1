namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>
/// An orders-channel push item: the order as GET /trade/order writes it, plus the execution that caused the push
/// (fillFee, fillFeeCcy, execType, fillPnl...) and the request fields OKX echoes. Every value is a string.
/// </summary>
public sealed class OkxOrderPushWire : OkxOrderWire
{
    public string AmendResult { get; set; } = "";

    public string Code { get; set; } = "";

    public string ExecType { get; set; } = "";

    public string FillFee { get; set; } = "";

    public string FillFeeCcy { get; set; } = "";

    public string FillNotionalUsd { get; set; } = "";

    public string FillPnl { get; set; } = "";

    public string Msg { get; set; } = "";

    public string NotionalUsd { get; set; } = "";

    public string ReqId { get; set; } = "";
}
