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
/// on subscribe, orders none. Subscribing again to the same arg is answered but changes nothing (one push per event).
/// A frame that is not a JSON object of OKX's shape (op a string, args an array of objects of strings), or holds text
/// that is not valid UTF-16, or is longer than <see cref="SimLimits.MaxWebSocketMessageBytes"/>, or would pass
/// <see cref="SimLimits.MaxSubscriptionsPerConnection"/>, is answered {"event":"error","code":"60012"} and the socket
/// stays open. A socket silent for 30 s is closed, as OKX does.
/// </summary>
public static class SimWebSocketEndpoint
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private const string InvalidRequest = "60012";
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
            var buffer = new byte[8 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                idle.CancelAfter(Idle);
                var inbound = await ReceiveAsync(socket, buffer, message, idle.Token);
                if (inbound.Closed)
                    break;
                if (inbound.TooLarge)
                    Error(session, InvalidRequest, $"Invalid request: a message holds at most {SimLimits.MaxWebSocketMessageBytes} bytes.");
                else
                    HandleSafely(sim, session, inbound.Text!);
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

    /// <summary>Handles a frame; a failure it has no answer for (a bug) is logged, counted and answered, and the socket stays open.</summary>
    private static void HandleSafely(ExchangeSimServer sim, SimSession session, string text)
    {
        try
        {
            Handle(sim, session, text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            sim.RecordUnexpectedFailure();
            sim.Logger.LogError(e, "exchange-sim could not handle a WebSocket frame on {ConnId}", session.ConnId);
            Error(session, "63999", "Internal error. Please try again later.");
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
        if (!SimRequestJson.TryParse(text, out var root) || SimRequestJson.ShapeError(root, "args") is not null
            || (root.TryGetProperty("op", out var opValue) && opValue.ValueKind != JsonValueKind.String))
        {
            Error(session, InvalidRequest, $"Invalid request: {OkxJson.Truncate(text, 60)}");
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
                    session.Subscriptions.Remove(SimHttp.Field(arg, "channel"), SimHttp.Field(arg, "instId"));
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
                && OkxBars.TryGet(channel["candle".Length..], out var bar) && sim.Market.Serves(bar),
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
        var outcome = session.Subscriptions.Add(arg);
        if (outcome == SimSubscriptions.Outcome.Full)
        {
            Error(session, InvalidRequest, $"Invalid request: a connection holds at most {SimLimits.MaxSubscriptionsPerConnection} subscriptions.");
            return;
        }
        Send(session, new { @event = "subscribe", arg, connId = session.ConnId });
        if (outcome == SimSubscriptions.Outcome.AlreadySubscribed)
            return;
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

    /// <summary>A message read: its text, or the end of the socket, or a message past the size limit (its bytes discarded).</summary>
    private readonly record struct Inbound(string? Text, bool TooLarge)
    {
        public bool Closed => Text is null && !TooLarge;
    }

    private static async Task<Inbound> ReceiveAsync(WebSocket socket, byte[] buffer, MemoryStream message, CancellationToken ct)
    {
        message.SetLength(0);
        var tooLarge = false;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
                return new Inbound(null, false);
            tooLarge |= message.Length + result.Count > SimLimits.MaxWebSocketMessageBytes;
            if (!tooLarge)
                message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return tooLarge ? new Inbound(null, true) : new Inbound(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), false);
        }
    }
}
