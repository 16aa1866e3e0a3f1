using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// A seeded fuzzer of exchange-sim's REST and WebSocket protocol: orders that are almost right (one field hostile: a lone
/// surrogate, an exponent, a number past decimal's range, the wrong JSON type...), batches with bad items, cancels,
/// amends, closes, leverage, lists with hostile queries, unsigned and re-spelled paths, garbage bodies, and frames of
/// every shape. It records what it was told (which clOrdIds were placed, refused, cancelled) for <see cref="SimStateCheck"/>
/// and every violation: a 5xx, an answer that is not OKX's JSON envelope, a private call answered unsigned, a socket
/// that dropped or stopped answering pings.
/// </summary>
internal sealed class SimFuzzer(string baseUrl, int seed)
{
    private static readonly string[] Hostile =
    [
        "\"\\ud800\"", "\"a\\udc00b\"", "\"1e5\"", "1e5", "1E+400", "\"99999999999999999999999999999999999\"",
        "\"79228162514264337593543950335\"", "\"-1\"", "\"0\"", "\"NaN\"", "\"Infinity\"", "\"\"", "null", "true", "{}", "[]",
        "[1]", "{\"a\":\"\\ud800\"}", "\" 1 \"", "\"0x1F\"", "\"1,5\"", "1.0000000000000000000000000001", "-0",
        "\"" + new string('x', 3000) + "\"", "\"\\u0000\"", "\"\\ud83d\\udca5\"", "0.00000000000000000000000000001",
    ];

    private static readonly string[] GarbageBodies =
    [
        "", "{", "[", "\"x\"", "42", "null", "[[[]]]", new string('[', 30) + new string(']', 30), "{\"a\":" + new string('{', 40),
        "\u0000", "{\"\\ud800\":1}", "[1,\"a\",{}]",
    ];

    private readonly Random _random = new(seed);
    private readonly SimRawClient _client = new(baseUrl);
    private long _next;

    public List<string> Violations { get; } = [];

    public int Requests { get; private set; }

    public int Frames { get; private set; }

    /// <summary>clOrdIds answered sCode 0, and whether they carried an attached algo.</summary>
    public Dictionary<string, bool> Placed { get; } = new(StringComparer.Ordinal);

    /// <summary>Well-formed clOrdIds only ever refused.</summary>
    public HashSet<string> Refused { get; } = new(StringComparer.Ordinal);

    /// <summary>clOrdIds a cancel was answered sCode 0 for.</summary>
    public HashSet<string> Cancelled { get; } = new(StringComparer.Ordinal);

    /// <summary>The price orders are placed around (the fuzz moves it with the bars it pushes).</summary>
    public decimal Price { get; set; } = 40_000m;

    /// <summary>Sends <paramref name="count"/> requests; <paramref name="between"/> runs every 25 (tests push bars with it).</summary>
    public async Task RunRestAsync(int count, Action<Random>? between = null)
    {
        for (var i = 0; i < count; i++)
        {
            if (between is not null && i % 25 == 24)
                between(_random);
            var roll = _random.NextDouble();
            if (roll < 0.30) await PlaceAsync(batch: false);
            else if (roll < 0.42) await PlaceAsync(batch: true);
            else if (roll < 0.50) await CancelAsync(batch: _random.NextDouble() < 0.4);
            else if (roll < 0.56) await AmendAsync();
            else if (roll < 0.61) await ClosePositionAsync();
            else if (roll < 0.65) await SetLeverageAsync();
            else if (roll < 0.85) await ReadAsync();
            else if (roll < 0.93) await GarbageAsync();
            else await UnsignedAsync();
        }
    }

    /// <summary>Sends <paramref name="count"/> frames over public, business and (logged-in) private sockets.</summary>
    public async Task RunWebSocketAsync(int count)
    {
        var random = new Random(seed + 1);
        var endpoints = new[] { "public", "business", "private" };
        var sockets = new SimWsClient[3];
        for (var i = 0; i < 3; i++)
            sockets[i] = await ConnectAsync(endpoints[i]);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var which = random.Next(3);
                var frame = Frame(random, endpoints[which]);
                Frames++;
                await sockets[which].SendAsync(frame);
                if (sockets[which].State != WebSocketState.Open || (i % 20 == 19 && !await sockets[which].PingAsync()))
                {
                    Violations.Add($"the {endpoints[which]} socket dropped after {Describe(frame)}");
                    await sockets[which].DisposeAsync();
                    sockets[which] = await ConnectAsync(endpoints[which]);
                }
            }
            foreach (var (socket, endpoint) in sockets.Zip(endpoints))
            {
                if (!await socket.PingAsync())
                    Violations.Add($"the {endpoint} socket does not answer ping at the end");
            }
        }
        finally
        {
            foreach (var socket in sockets)
                await socket.DisposeAsync();
        }
    }

    private async Task<SimWsClient> ConnectAsync(string endpoint)
    {
        var socket = await SimWsClient.ConnectAsync(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws/v5/" + endpoint);
        if (endpoint == "private")
            await socket.LoginAsync(_client.Key, _client.Secret, _client.Passphrase);
        return socket;
    }

    private async Task PlaceAsync(bool batch)
    {
        var count = batch ? _random.Next(1, 23) : 1;
        var items = new List<(string Json, string? ClOrdId, bool Algo)>();
        for (var i = 0; i < count; i++)
            items.Add(_random.NextDouble() < 0.04 ? (Hostile[_random.Next(Hostile.Length)], null, false) : OrderItem());
        var body = batch ? "[" + string.Join(",", items.Select(i => i.Json)) + "]" : items[0].Json;
        var answer = await PostAsync(batch ? "/api/v5/trade/batch-orders" : "/api/v5/trade/order", body);
        var results = Items(answer, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var clOrdId = items[i].ClOrdId;
            if (results?[i] is { } result && (string?)result["sCode"] == "0")
            {
                // A hostile value may still be a clOrdId (true, "0x1F"): what was placed is what the answer echoes.
                var placed = (string?)result["clOrdId"] ?? "";
                if (clOrdId is not null && placed != clOrdId)
                    Violations.Add($"placed {clOrdId} answered as {placed}");
                Placed[placed] = items[i].Algo;
                Refused.Remove(placed);
            }
            else if (clOrdId is not null && !Placed.ContainsKey(clOrdId))
            {
                Refused.Add(clOrdId);
            }
        }
    }

    /// <summary>An order item, usually valid, sometimes with one field hostile, missing or extra.</summary>
    private (string Json, string? ClOrdId, bool Algo) OrderItem()
    {
        var swap = _random.NextDouble() < 0.6;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instId"] = Quote(swap ? "BTC-USDT-SWAP" : _random.NextDouble() < 0.02 ? "ETH-USDT" : "BTC-USDT"),
            ["tdMode"] = Quote(swap ? (_random.NextDouble() < 0.3 ? "cross" : "isolated") : "cash"),
            ["side"] = Quote(_random.NextDouble() < 0.5 ? "buy" : "sell"),
        };
        if (swap)
            fields["posSide"] = Quote(_random.NextDouble() < 0.5 ? "long" : "short");
        var limit = _random.NextDouble() < 0.45;
        fields["ordType"] = Quote(limit ? "limit" : "market");
        fields["sz"] = Quote(swap
            ? (0.1m * _random.Next(1, 40)).ToString(CultureInfo.InvariantCulture)
            : _random.NextDouble() < 0.5 ? (0.001m * _random.Next(1, 50)).ToString(CultureInfo.InvariantCulture) : _random.Next(50, 3000).ToString(CultureInfo.InvariantCulture));
        if (!swap && _random.NextDouble() < 0.5)
            fields["tgtCcy"] = Quote("base_ccy");
        if (limit)
            fields["px"] = Quote(Around(0.05m).ToString(CultureInfo.InvariantCulture));
        var algo = _random.NextDouble() < 0.25;
        if (algo)
            fields["attachAlgoOrds"] = $$"""[{"slTriggerPx":"{{Around(0.03m)}}","slOrdPx":"-1","tpTriggerPx":"{{Around(0.03m)}}","tpOrdPx":"-1"}]""";
        if (_random.NextDouble() < 0.1)
            fields["reduceOnly"] = _random.NextDouble() < 0.5 ? "true" : Quote("true");
        var clOrdId = ClOrdId();
        fields["clOrdId"] = Quote(clOrdId);
        fields["tag"] = Quote("fz");

        var mutation = _random.NextDouble();
        var names = fields.Keys.ToList();
        if (mutation < 0.25)
            fields[names[_random.Next(names.Count)]] = Hostile[_random.Next(Hostile.Length)];
        else if (mutation < 0.30)
            fields.Remove(names[_random.Next(names.Count)]);
        else if (mutation < 0.35)
            fields["junk" + _random.Next(3)] = Hostile[_random.Next(Hostile.Length)];
        // Only a clOrdId sent as itself is tracked (a hostile one was never a clOrdId).
        var sent = fields.GetValueOrDefault("clOrdId") == Quote(clOrdId) && IsWellFormed(clOrdId) ? clOrdId : null;
        return ("{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}", sent, algo && fields.GetValueOrDefault("attachAlgoOrds", "").StartsWith("[{", StringComparison.Ordinal));
    }

    private string ClOrdId()
    {
        var roll = _random.NextDouble();
        if (roll < 0.05 && Refused.Count > 0)
            return Refused.ElementAt(_random.Next(Refused.Count));
        if (roll < 0.08 && Placed.Count > 0)
            return Placed.Keys.ElementAt(_random.Next(Placed.Count));
        if (roll < 0.11)
            return _random.NextDouble() < 0.5 ? "bad-id" : new string('z', 40);
        return "f" + seed.ToString(CultureInfo.InvariantCulture) + "x" + (++_next).ToString(CultureInfo.InvariantCulture);
    }

    private async Task CancelAsync(bool batch)
    {
        var count = batch ? _random.Next(1, 6) : 1;
        var items = new List<(string Json, string? ClOrdId)>();
        for (var i = 0; i < count; i++)
        {
            var clOrdId = Placed.Count > 0 && _random.NextDouble() < 0.8 ? Placed.Keys.ElementAt(_random.Next(Placed.Count)) : ClOrdId();
            var instId = _random.NextDouble() < 0.5 ? "BTC-USDT-SWAP" : "BTC-USDT";
            items.Add(_random.NextDouble() < 0.1
                ? ($$"""{"instId":{{Hostile[_random.Next(Hostile.Length)]}},"clOrdId":"{{clOrdId}}"}""", null)
                : ($$"""{"instId":"{{instId}}","clOrdId":"{{clOrdId}}"}""", clOrdId));
        }
        var body = batch ? "[" + string.Join(",", items.Select(i => i.Json)) + "]" : items[0].Json;
        var answer = await PostAsync(batch ? "/api/v5/trade/cancel-batch-orders" : "/api/v5/trade/cancel-order", body);
        var results = Items(answer, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ClOrdId is { } clOrdId && results?[i] is { } result && (string?)result["sCode"] == "0")
                Cancelled.Add(clOrdId);
        }
    }

    private async Task AmendAsync()
    {
        var clOrdId = Placed.Count > 0 ? Placed.Keys.ElementAt(_random.Next(Placed.Count)) : ClOrdId();
        var newPx = _random.NextDouble() < 0.2 ? Hostile[_random.Next(Hostile.Length)] : Quote(Around(0.05m).ToString(CultureInfo.InvariantCulture));
        var newSz = _random.NextDouble() < 0.5 ? "" : $",\"newSz\":{(_random.NextDouble() < 0.2 ? Hostile[_random.Next(Hostile.Length)] : Quote((0.1m * _random.Next(1, 30)).ToString(CultureInfo.InvariantCulture)))}";
        await PostAsync("/api/v5/trade/amend-order",
            $$"""{"instId":"{{(_random.NextDouble() < 0.5 ? "BTC-USDT-SWAP" : "BTC-USDT")}}","clOrdId":"{{clOrdId}}","newPx":{{newPx}}{{newSz}},"reqId":"r1"}""");
    }

    private async Task ClosePositionAsync()
    {
        var clOrdId = _random.NextDouble() < 0.5 ? "" : ClOrdId();
        var posSide = _random.NextDouble() < 0.1 ? Hostile[_random.Next(Hostile.Length)] : Quote(_random.NextDouble() < 0.5 ? "long" : "short");
        var clOrdField = clOrdId.Length == 0 ? "" : $",\"clOrdId\":\"{clOrdId}\"";
        var answer = await PostAsync("/api/v5/trade/close-position",
            $$"""{"instId":"BTC-USDT-SWAP","mgnMode":"isolated","posSide":{{posSide}}{{clOrdField}}}""");
        if (clOrdId.Length > 0 && IsWellFormed(clOrdId))
        {
            if ((string?)answer?["code"] == "0")
            {
                Placed[clOrdId] = false;
                Refused.Remove(clOrdId);
            }
            else if (!Placed.ContainsKey(clOrdId))
            {
                Refused.Add(clOrdId);
            }
        }
    }

    private async Task SetLeverageAsync()
    {
        var lever = _random.NextDouble() < 0.3 ? Hostile[_random.Next(Hostile.Length)] : Quote(_random.Next(1, 11).ToString(CultureInfo.InvariantCulture));
        var posSide = _random.Next(3) switch { 0 => "", 1 => ",\"posSide\":\"long\"", _ => ",\"posSide\":\"short\"" };
        var mgnMode = _random.NextDouble() < 0.3 ? "cross" : "isolated";
        await PostAsync("/api/v5/account/set-leverage", $$"""{"instId":"BTC-USDT-SWAP","mgnMode":"{{mgnMode}}","lever":{{lever}}{{posSide}}}""");
    }

    private async Task ReadAsync()
    {
        string[] paths =
        [
            "/api/v5/public/time", "/api/v5/public/instruments?instType={SWAP|SPOT|x}", "/api/v5/market/ticker?instId={BTC-USDT|BTC-USDT-SWAP|x}",
            "/api/v5/market/tickers?instType={SPOT|SWAP}", "/api/v5/market/candles?instId=BTC-USDT&bar={15m|1H|1m|x|1D|6Hutc|1Wutc}&limit={n}&after={n}",
            "/api/v5/market/history-candles?instId=BTC-USDT-SWAP&before={n}&limit={n}", "/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP&limit={n}",
            "/api/v5/public/funding-rate?instId={BTC-USDT-SWAP|BTC-USDT|x}", "/api/v5/market/mark-price-candles?instId=BTC-USDT-SWAP&bar={15m|4H|1D|5m|x}&before={n}&limit={n}",
            "/api/v5/market/history-mark-price-candles?instId={BTC-USDT-SWAP|x}&bar={1Dutc|12H}&after={n}",
            "/api/v5/account/balance", "/api/v5/account/balance?ccy={BTC|USDT,BTC|x}", "/api/v5/account/positions", "/api/v5/account/config",
            "/api/v5/account/bills?type={8|2|x}&limit={n}", "/api/v5/trade/orders-pending?limit={n}", "/api/v5/trade/orders-history?instType=SWAP&after={n}",
            "/api/v5/trade/fills?limit={n}&begin={n}", "/api/v5/trade/fills-history?instType=SPOT&before={n}",
            "/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId={id}", "/api/v5/trade/order?instId=BTC-USDT&ordId={n}",
            "/api/v5/trade/orders-history-archive?instType=SPOT&end={n}",
        ];
        var path = paths[_random.Next(paths.Length)];
        var query = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != '{')
            {
                query.Append(path[i]);
                continue;
            }
            var end = path.IndexOf('}', i);
            var choices = path[(i + 1)..end];
            query.Append(choices switch
            {
                "n" => Number(),
                "id" => Uri.EscapeDataString(Placed.Count > 0 ? Placed.Keys.ElementAt(_random.Next(Placed.Count)) : ClOrdId()),
                _ => choices.Split('|')[_random.Next(choices.Split('|').Length)],
            });
            i = end;
        }
        await SendAsync(HttpMethod.Get, Respell(query.ToString()), "", signed: true);
    }

    private string Number() => _random.Next(8) switch
    {
        0 => "1e5",
        1 => "-3",
        2 => "99999999999999999999999",
        3 => "%ED%A0%80",
        4 => "abc",
        _ => _random.Next(0, 400).ToString(CultureInfo.InvariantCulture),
    };

    private async Task GarbageAsync()
    {
        string[] paths = ["/api/v5/trade/order", "/api/v5/trade/batch-orders", "/api/v5/trade/cancel-batch-orders", "/api/v5/trade/amend-order",
            "/api/v5/trade/close-position", "/api/v5/account/set-leverage", "/api/v5/account/set-position-mode"];
        var body = _random.NextDouble() < 0.03 ? "{\"instId\":\"BTC-USDT\"" + new string(' ', 70 * 1024) + "}" : GarbageBodies[_random.Next(GarbageBodies.Length)];
        await PostAsync(paths[_random.Next(paths.Length)], body);
    }

    /// <summary>A private call without a signature must be refused (401) however its path is spelled.</summary>
    private async Task UnsignedAsync()
    {
        var path = Respell(_random.NextDouble() < 0.5 ? "/api/v5/trade/order" : "/api/v5/account/balance");
        var post = path.Contains("order", StringComparison.OrdinalIgnoreCase);
        var answer = await SendAsync(post ? HttpMethod.Post : HttpMethod.Get, path, post ? OrderItem().Json : "", signed: false);
        if (answer.Status is not (401 or 404 or 429))
            Violations.Add($"unsigned {path} answered {answer.Status} {answer.Body?["code"]}");
    }

    private async Task<JsonObject?> PostAsync(string path, string body) =>
        (await SendAsync(HttpMethod.Post, Respell(path), body, signed: true)).Body;

    private async Task<(int Status, JsonObject? Body)> SendAsync(HttpMethod method, string path, string body, bool signed)
    {
        Requests++;
        var (status, text) = body.Length > Prometheus.Web.ExchangeSim.SimLimits.MaxRequestBodyBytes
            ? await OversizedAsync(path, body)
            : await _client.SendTextAsync(method, path, body, signed);
        if (status == 429)
            await Task.Delay(20);
        JsonObject? json = null;
        try
        {
            json = System.Text.Json.Nodes.JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        if (status >= 500 || json?["code"] is null || json["data"] is not JsonArray)
            Violations.Add($"{method} {path} {Describe(body)} answered {status}: {Describe(text)}");
        return (status, json);
    }

    /// <summary>A body the server will not read: sent over a bare socket, which reads the answer even when the server stops reading.</summary>
    private async Task<(int Status, string Body)> OversizedAsync(string path, string body)
    {
        var (status, json) = await SimRawHttp.SendAsync(baseUrl, "POST", path, Encoding.UTF8.GetBytes(body), SimRawHttp.BodyFraming.ContentLength);
        return (status, json?.ToJsonString() ?? "");
    }

    /// <summary>The answer's items when it answered item by item (code 0, 1 or 2 with one item per request item), else null.</summary>
    private static JsonObject?[]? Items(JsonObject? answer, int count) =>
        answer is not null && (string?)answer["code"] is "0" or "1" or "2" && answer["data"] is JsonArray data && data.Count == count
            ? [.. data.Select(d => d as JsonObject)]
            : null;

    /// <summary>Usually the path itself; sometimes another spelling routing sends to the same endpoint.</summary>
    private string Respell(string pathAndQuery)
    {
        if (_random.NextDouble() > 0.05)
            return pathAndQuery;
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        var rest = query < 0 ? "" : pathAndQuery[query..];
        return (_random.Next(3) switch { 0 => path.ToUpperInvariant(), 1 => path + "/", _ => path.Replace("/v5/", "/V5/", StringComparison.Ordinal) }) + rest;
    }

    private string Frame(Random random, string endpoint)
    {
        string[] channels = ["tickers", "candle15m", "candle1H", "candle1D", "candle1m", "candle6Hutc", "orders", "positions", "account", "trades", "x"];
        string Arg() => $$"""{"channel":"{{channels[random.Next(channels.Length)]}}","instId":"{{(random.NextDouble() < 0.5 ? "BTC-USDT" : "BTC-USDT-SWAP")}}","instType":"ANY"}""";
        var roll = random.NextDouble();
        if (roll < 0.35)
            return $$"""{"op":"{{(random.NextDouble() < 0.7 ? "subscribe" : "unsubscribe")}}","args":[{{string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Arg()))}}]}""";
        if (roll < 0.40)
            return $$"""{"op":"subscribe","args":[{{string.Join(",", Enumerable.Repeat(Arg(), 50))}}]}""";
        if (roll < 0.45)
            return "ping";
        if (roll < 0.50 && endpoint == "private")
            return $$"""{"op":"login","args":[{"apiKey":"k","passphrase":"p","timestamp":{{Hostile[random.Next(Hostile.Length)]}},"sign":"s"}]}""";
        if (roll < 0.52)
            return """{"op":"subscribe","args":[{"channel":"tickers","instId":"BTC-USDT"}]}""" + new string(' ', 65 * 1024);
        if (roll < 0.75)
            return $$"""{"op":"subscribe","args":[{"channel":{{Hostile[random.Next(Hostile.Length)]}},"instId":"BTC-USDT"}]}""";
        if (roll < 0.85)
            return $$"""{"op":{{Hostile[random.Next(Hostile.Length)]}},"args":[]}""";
        return GarbageBodies[random.Next(GarbageBodies.Length)] is { Length: > 0 } garbage ? garbage : Hostile[random.Next(Hostile.Length)];
    }

    private decimal Around(decimal spread)
    {
        var factor = 1m + spread * (decimal)(_random.NextDouble() * 2 - 1);
        return decimal.Round(Price * factor, 1);
    }

    private static string Quote(string value) => "\"" + value + "\"";

    private static bool IsWellFormed(string clOrdId) => clOrdId.Length is > 0 and <= 32 && clOrdId.All(char.IsAsciiLetterOrDigit);

    private static string Describe(string text) => text.Length <= 120 ? text : text[..120] + $"...({text.Length} chars)";
}
