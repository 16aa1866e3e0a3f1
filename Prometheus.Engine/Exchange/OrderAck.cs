namespace Prometheus.Engine.Exchange;

/// <summary>
/// The exchange's answer to an order operation (OKX sCode/sMsg per item). Code "0" is success.
/// An accepted order is not a fill: fills arrive separately on <see cref="IExchange.Fills"/>.
/// </summary>
public sealed record OrderAck(string ClOrdId, string? OrdId, string Code, string Message)
{
    public bool Accepted => Code == "0";

    public static OrderAck Ok(string clOrdId, string ordId) => new(clOrdId, ordId, "0", "");

    public static OrderAck Reject(string clOrdId, string code, string message) => new(clOrdId, null, code, message);
}
