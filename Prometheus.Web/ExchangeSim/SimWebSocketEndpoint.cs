using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// /ws/v5/public, /ws/v5/business and /ws/v5/private as OKX serves them: the text "ping" answers "pong"; {"op":"login"}
/// (private only) checks the signed Unix seconds; {"op":"subscribe"} answers {"event":"subscribe","arg":...} per channel
/// or {"event":"error","code":"60018"} for a channel that endpoint does not serve; positions and account send a snapshot
/// on subscribe, orders none. A socket silent for 30 s is closed, as OKX does.
/// </summary>
public static class SimWebSocketEndpoint
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private static long _connections;

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var endpoint in new[] { "public", "business", "private" })
            app.Map($"/ws/v5/{endpoint}", (HttpContext context, ExchangeSimServer sim) => RunAsync(context, sim, endpoint));
    }

    private static async Task RunAsync(HttpContext context, ExchangeSimServer sim, string endpoint)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new SimSession(socket, endpoint, Interlocked.Increment(ref _connections).ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        sim.Hub.Add(session);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var pump = session.PumpAsync(stop.Token);
        try
        {
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                idle.CancelAfter(Idle);
                var text = await ReceiveAsync(socket, idle.Token);
                if (text is null)
                    break;
                Handle(sim, session, text);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // a dropped client, or 30 s of silence
        }
        finally
        {
            sim.Hub.Remove(session);
            session.Complete();
            await stop.CancelAsync();
            try
            {
                await pump;
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
            }
            if (socket.State == WebSocketState.Open)
                socket.Abort();
        }
    }

    private static void Handle(ExchangeSimServer sim, SimSession session, string text)
    {
        if (text == "ping")
        {
            if (sim.Hub.AnswerPings)
                session.Send("pong");
            return;
        }
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            Error(session, "60012", $"Invalid request: {OkxJson.Truncate(text, 60)}");
            return;
        }
        var op = SimHttp.Field(root, "op");
        var args = root.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];
        switch (op)
        {
            case "login" when session.Endpoint == "private" && args.Count > 0:
                Login(sim, session, args[0]);
                break;
            case "subscribe":
                foreach (var arg in args)
                    Subscribe(sim, session, arg);
                break;
            case "unsubscribe":
                foreach (var arg in args)
                {
                    var channel = SimHttp.Field(arg, "channel");
                    session.Subscriptions.RemoveAll(s => s["channel"] == channel && s.GetValueOrDefault("instId") == SimHttp.Field(arg, "instId"));
                    Send(session, new { @event = "unsubscribe", arg = Arg(arg), connId = session.ConnId });
                }
                break;
            default:
                Error(session, OkxErrorCodes.WsInvalidOp, $"Invalid op: {op}");
                break;
        }
    }

    private static void Login(ExchangeSimServer sim, SimSession session, JsonElement arg)
    {
        var failure = SimAuth.VerifyLogin(SimHttp.Field(arg, "apiKey"), SimHttp.Field(arg, "passphrase"),
            SimHttp.Field(arg, "timestamp"), SimHttp.Field(arg, "sign"), sim.Options, sim.Time.GetUtcNow());
        if (failure is not null)
        {
            Error(session, failure.Code, failure.Message);
            return;
        }
        session.LoggedIn = true;
        Send(session, new { @event = "login", code = "0", msg = "", connId = session.ConnId });
    }

    private static void Subscribe(ExchangeSimServer sim, SimSession session, JsonElement argElement)
    {
        var arg = Arg(argElement);
        var channel = arg.GetValueOrDefault("channel") ?? "";
        var instId = arg.GetValueOrDefault("instId");
        var served = SimPushHub.EndpointOf(channel) == session.Endpoint && channel switch
        {
            "tickers" => instId is not null && sim.Instruments.Any(i => i.InstId == instId),
            "orders" or "positions" => arg.ContainsKey("instType"),
            "account" => true,
            _ when channel.StartsWith("candle", StringComparison.Ordinal) =>
                instId is not null && sim.Instruments.Any(i => i.InstId == instId)
                && OkxBars.TryGetLength(channel["candle".Length..], out var length) && length == sim.Market.Interval,
            _ => false,
        };
        if (!served)
        {
            Error(session, OkxErrorCodes.WsChannelNotFound, $"Wrong URL or channel:{channel},instId:{instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.");
            return;
        }
        if (session.Endpoint == "private" && !session.LoggedIn)
        {
            Error(session, "60011", "Please log in");
            return;
        }
        session.Subscriptions.Add(arg);
        Send(session, new { @event = "subscribe", arg, connId = session.ConnId });
        // positions and account start with a snapshot; orders does not (a client fetches pending orders over REST).
        if (channel == "positions")
            SimPushHub.Deliver(session, SimPush.Private("positions", sim.Read(_ => sim.PositionsWire(null, includeFlat: false)).Cast<object>().ToList()));
        else if (channel == "account")
            SimPushHub.Deliver(session, SimPush.Private("account", [sim.Read(_ => sim.BalanceWire())]));
    }

    private static Dictionary<string, string> Arg(JsonElement arg)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (arg.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in arg.EnumerateObject())
            {
                if (SimHttp.Field(arg, property.Name) is { } value)
                    result[property.Name] = value;
            }
        }
        return result;
    }

    private static void Error(SimSession session, string code, string msg) =>
        Send(session, new { @event = "error", code, msg, connId = session.ConnId });

    private static void Send(SimSession session, object message) => session.Send(JsonSerializer.Serialize(message));

    private static async Task<string?> ReceiveAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[8 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
        }
    }
}
