namespace Prometheus.Web.ExchangeSim;

/// <summary>One WebSocket push: a channel, the instrument it is about (public channels), and its data items.</summary>
public sealed record SimPush(string Channel, string? InstId, bool IsPrivate, IReadOnlyList<object> Data)
{
    public static SimPush Public(string channel, string instId, IReadOnlyList<object> data) => new(channel, instId, false, data);

    public static SimPush Private(string channel, IReadOnlyList<object> data) => new(channel, null, true, data);

    /// <summary>The instrument type of a private item (orders, positions), for subscriptions by instType.</summary>
    public static string? InstTypeOf(object item) => item switch
    {
        Prometheus.Engine.Exchange.Okx.Wire.OkxOrderPushWire o => o.InstType,
        Prometheus.Engine.Exchange.Okx.Wire.OkxPositionWire p => p.InstType,
        _ => null,
    };
}
