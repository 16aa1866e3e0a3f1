namespace Prometheus.Engine.Exchange.Okx;

/// <summary>A WebSocket subscription argument: {"channel": ..., "instId": ...} or {"channel": ..., "instType": ...}.</summary>
public sealed record OkxChannel(string Channel, string? InstId = null, string? InstType = null)
{
    public Dictionary<string, string> ToArg()
    {
        var arg = new Dictionary<string, string>(StringComparer.Ordinal) { ["channel"] = Channel };
        if (InstType is not null)
            arg["instType"] = InstType;
        if (InstId is not null)
            arg["instId"] = InstId;
        return arg;
    }
}
