using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Engine.Tests.Exchange.Okx;

/// <summary>
/// The gateway's parsers under garbage: 10,000 real OKX payloads (Recorded/), each mutated at random (characters flipped,
/// spans cut or repeated, values swapped for other JSON, bodies truncated), through the real REST path and into the
/// WebSocket push handlers. Every answer is either read or refused with a typed <see cref="OkxApiException"/>: no other
/// exception escapes. Seeded: a failure is reproducible.
/// </summary>
public class OkxFuzzTests
{
    private static readonly string[] Tokens = ["\"\"", "null", "0", "-1", "1e400", "\"NaN\"", "\"abc\"", "{}", "[]", "true", "\"-0.00000001\"", "\"99999999999999999999999999999\""];

    private static readonly (string File, Func<OkxExchange, Task> Call)[] Rest =
    [
        ("GET_account_balance.json", async x => await x.GetBalancesAsync()),
        ("GET_account_positions.json", async x => await x.GetPositionsAsync()),
        ("GET_account_config.json", async x => await x.GetAccountConfigAsync()),
        ("GET_trade_order.json", async x => await x.GetOrderAsync(TestInstruments.BtcUsdtSwap.InstId, "1", null)),
        ("GET_trade_orders-history.json", async x => await x.GetOrderHistoryAsync(TestInstruments.BtcUsdtSwap.InstId)),
        ("GET_trade_fills.json", async x => await x.GetFillsAsync(TestInstruments.BtcUsdtSwap.InstId)),
        ("GET_market_candles.json", async x => await x.GetCandlesAsync(TestInstruments.BtcUsdt.InstId, "1H")),
        ("GET_market_ticker.json", async x => await x.GetTickerAsync(TestInstruments.BtcUsdt.InstId)),
        ("GET_trade_order.json", async x => await x.GetPendingOrdersAsync()),
    ];

    private static readonly string[] Pushes =
    [
        "WS_business_candle1m_BTC-USDT-SWAP_push.json", "WS_public_tickers_BTC-USDT-SWAP_push.json", "WS_public_trades_BTC-USDT-SWAP_push.json",
    ];

    [Fact]
    public async Task Ten_thousand_mutated_real_payloads_are_read_or_refused_with_a_typed_error_never_a_crash()
    {
        var random = new Random(20261130);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var body = "";
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Json(body)));
        var options = OkxTestKit.Options(o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerFailures = 1_000_000;
        });
        var exchange = OkxExchange.CreateRestOnly(options, new HttpClient(handler), clock, NullLogger.Instance);
        var pushHandlers = new[] { "OnPublicAsync", "OnPrivateAsync" }.Select(name =>
            typeof(OkxExchange).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!).ToArray();
        var recorded = Rest.Select(r => r.File).Concat(Pushes).Distinct().ToDictionary(f => f, OkxTestKit.Recorded);
        int read = 0, refused = 0;
        var escaped = new List<string>();

        for (var i = 0; i < 10_000; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5)); // every rate limit's bucket refills: the loop measures parsers, not waits
            var push = i % 4 == 3;
            var file = push ? Pushes[random.Next(Pushes.Length)] : Rest[random.Next(Rest.Length)].File;
            body = Mutate(recorded[file], random);
            try
            {
                if (push)
                {
                    using var document = JsonDocument.Parse(body);
                    var handlerMethod = pushHandlers[random.Next(pushHandlers.Length)];
                    await (ValueTask)handlerMethod.Invoke(exchange, [document.RootElement])!;
                }
                else
                    await Rest.First(r => r.File == file).Call(exchange);
                read++;
            }
            catch (JsonException) when (push)
            {
                refused++; // not JSON at all: the socket logs it and reads on before any handler sees it
            }
            catch (OkxApiException)
            {
                refused++;
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is OkxApiException)
            {
                refused++;
            }
            catch (Exception e)
            {
                var inner = e is System.Reflection.TargetInvocationException { InnerException: { } x } ? x : e;
                escaped.Add($"{file} #{i}: {inner.GetType().Name}: {inner.Message}\n{body[..Math.Min(body.Length, 300)]}");
            }
        }

        Assert.True(escaped.Count == 0, $"{escaped.Count} unhandled, e.g.:\n{string.Join("\n---\n", escaped.Take(3))}");
        Assert.True(read > 500 && refused > 500, $"read {read}, refused {refused}: the mutations should give both");
    }

    private static string Mutate(string json, Random random)
    {
        var text = new StringBuilder(json);
        for (var n = random.Next(1, 4); n > 0 && text.Length > 2; n--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(6))
            {
                case 0: text[at] = (char)random.Next(32, 127); break;
                case 1: text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at)); break;
                case 2: text.Insert(at, text.ToString(at, Math.Min(random.Next(1, 20), text.Length - at))); break;
                case 3: text.Length = at; break;
                case 4: ReplaceValue(text, random); break;
                default: text.Insert(at, Tokens[random.Next(Tokens.Length)]); break;
            }
        }
        return text.ToString();
    }

    /// <summary>Swaps one quoted value for another JSON token: the shape holds, the content does not.</summary>
    private static void ReplaceValue(StringBuilder text, Random random)
    {
        var s = text.ToString();
        var colon = s.IndexOf("\":\"", random.Next(s.Length), StringComparison.Ordinal);
        if (colon < 0) return;
        var start = colon + 2;
        var end = s.IndexOf('"', start + 1);
        if (end < 0) return;
        text.Remove(start, end - start + 1).Insert(start, Tokens[random.Next(Tokens.Length)]);
    }
}
