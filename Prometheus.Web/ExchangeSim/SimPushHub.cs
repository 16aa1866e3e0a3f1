using System.Collections.Concurrent;
using System.Text.Json;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// The WebSocket sessions and the routing of pushes to them, as OKX routes them: public channels by (channel, instId),
/// private channels (orders, positions, account) to logged-in sessions by channel and, when given, instType or instId.
/// A push echoes the client's own subscription arg (with uid on private channels).
/// </summary>
public sealed class SimPushHub(ILogger logger)
{
    public const string Uid = "44705892343619584";
    private readonly ConcurrentDictionary<string, SimSession> _sessions = new(StringComparer.Ordinal);

    public int SessionCount => _sessions.Count;

    /// <summary>Whether "ping" is answered with "pong" (tests turn it off to see a client give up on a silent socket).</summary>
    public bool AnswerPings { get; set; } = true;

    public IEnumerable<SimSession> Sessions => _sessions.Values;

    public void Add(SimSession session) => _sessions[session.ConnId] = session;

    public void Remove(SimSession session) => _sessions.TryRemove(session.ConnId, out _);

    /// <summary>Drops every socket without a close handshake, as a network failure would (tests).</summary>
    public void DropAll()
    {
        foreach (var session in _sessions.Values)
        {
            logger.LogInformation("Dropping WebSocket {ConnId}", session.ConnId);
            session.Socket.Abort();
        }
    }

    public void Publish(IReadOnlyList<SimPush> pushes)
    {
        if (pushes.Count == 0 || _sessions.IsEmpty)
            return;
        foreach (var session in _sessions.Values)
        {
            foreach (var push in pushes)
                Deliver(session, push);
        }
    }

    /// <summary>Sends <paramref name="push"/> to <paramref name="session"/> if it subscribed to it.</summary>
    public static void Deliver(SimSession session, SimPush push)
    {
        if (push.IsPrivate != (session.Endpoint == "private") || (push.IsPrivate && !session.LoggedIn))
            return;
        if (!push.IsPrivate && session.Endpoint != EndpointOf(push.Channel))
            return;
        foreach (var arg in session.Subscriptions.Current)
        {
            if (arg.GetValueOrDefault("channel") != push.Channel)
                continue;
            var data = push.Data;
            if (push.IsPrivate)
            {
                var instType = arg.GetValueOrDefault("instType", "ANY");
                var instId = arg.GetValueOrDefault("instId");
                data = [.. data.Where(item => (instType == "ANY" || SimPush.InstTypeOf(item) is not { } t || t == instType)
                                              && (instId is null || InstIdOf(item) is not { } i || i == instId))];
                if (data.Count == 0)
                    continue;
            }
            else if (arg.GetValueOrDefault("instId") != push.InstId)
            {
                continue;
            }
            var echo = new Dictionary<string, string>(arg, StringComparer.Ordinal);
            if (push.IsPrivate)
                echo["uid"] = Uid;
            session.Send(JsonSerializer.Serialize(new { arg = echo, data }, OkxJson.Response));
        }
    }

    /// <summary>Where OKX serves a channel: candles on business, private channels on private, the rest on public.</summary>
    public static string EndpointOf(string channel) =>
        channel.StartsWith("candle", StringComparison.Ordinal) ? "business"
        : channel is "orders" or "positions" or "account" ? "private"
        : "public";

    private static string? InstIdOf(object item) => item switch
    {
        Prometheus.Engine.Exchange.Okx.Wire.OkxOrderPushWire o => o.InstId,
        Prometheus.Engine.Exchange.Okx.Wire.OkxPositionWire p => p.InstId,
        _ => null,
    };
}
