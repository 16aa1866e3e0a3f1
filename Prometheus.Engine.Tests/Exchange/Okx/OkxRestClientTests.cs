using System.Net;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Engine.Tests.Exchange.Okx;

public class OkxRestClientTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ListLogger _log = new();

    [Fact]
    public async Task A_private_call_carries_the_four_headers_a_valid_signature_and_the_demo_header()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Ok("[]")));
        var client = Client(handler);

        await client.GetAsync<object>("/api/v5/trade/order", [new("instId", "BTC-USDT"), new("clOrdId", "p1x1")], signed: true, default);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/api/v5/trade/order?instId=BTC-USDT&clOrdId=p1x1", request.PathAndQuery);
        var timestamp = request.Headers["OK-ACCESS-TIMESTAMP"];
        Assert.Equal("2024-01-01T00:00:00.000Z", timestamp);
        Assert.Equal(OkxTestKit.ApiKey, request.Headers["OK-ACCESS-KEY"]);
        Assert.Equal(OkxTestKit.Passphrase, request.Headers["OK-ACCESS-PASSPHRASE"]);
        Assert.Equal(OkxSigner.Sign(OkxTestKit.SecretKey, timestamp + "GET" + request.PathAndQuery), request.Headers["OK-ACCESS-SIGN"]);
        Assert.Equal("1", request.Headers["x-simulated-trading"]);
    }

    [Fact]
    public async Task Live_mode_sends_no_demo_header_and_a_public_call_no_credentials()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Ok("""[{"ts":"1704067200500"}]""")));
        var client = Client(handler, o => { o.Demo = false; o.AllowLive = true; });

        await client.SyncClockAsync(default);

        var request = Assert.Single(handler.Requests);
        Assert.False(request.Headers.ContainsKey("x-simulated-trading"));
        Assert.False(request.Headers.ContainsKey("OK-ACCESS-KEY"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), client.ClockOffset);   // the server is half a second ahead
    }

    [Fact]
    public async Task The_clock_offset_moves_the_signed_timestamp()
    {
        var handler = new ScriptedHandler(r => Task.FromResult(r.Path == "/api/v5/public/time"
            ? ScriptedHandler.Ok("""[{"ts":"1704067260000"}]""")
            : ScriptedHandler.Ok("[]")));
        var client = Client(handler);

        await client.SyncClockAsync(default);
        await client.GetAsync<object>("/api/v5/account/balance", [], signed: true, default);

        Assert.Equal("2024-01-01T00:01:00.000Z", handler.Requests[^1].Headers["OK-ACCESS-TIMESTAMP"]);
    }

    [Theory]
    [InlineData("51008", "Order failed. Insufficient USDT balance", OkxErrorKind.InsufficientBalance)]
    [InlineData("50011", "Rate limit reached", OkxErrorKind.RateLimited)]
    [InlineData("51000", "Parameter sz error", OkxErrorKind.Parameter)]
    [InlineData("50113", "Invalid Sign", OkxErrorKind.InvalidSignature)]
    [InlineData("50101", "APIKey does not match current environment", OkxErrorKind.WrongEnvironment)]
    [InlineData("50102", "Timestamp request expired", OkxErrorKind.TimestampExpired)]
    [InlineData("51016", "Duplicated clOrdId", OkxErrorKind.DuplicateClOrdId)]
    [InlineData("50111", "Invalid OK-ACCESS-KEY", OkxErrorKind.Authentication)]
    [InlineData("51603", "Order does not exist", OkxErrorKind.OrderNotFound)]
    [InlineData("50004", "API endpoint request timeout", OkxErrorKind.Timeout)]
    public async Task Error_codes_become_typed_errors(string code, string msg, OkxErrorKind kind)
    {
        var client = Client(new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Error(code, msg))), o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<OkxApiException>(() => client.GetAsync<object>("/api/v5/account/balance", [], signed: true, default));

        Assert.Equal((kind, code, msg), (error.Kind, error.Code, error.OkxMessage));
        Assert.Contains("GET /api/v5/account/balance", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", 200)]
    [InlineData("{\"code\":\"0\",\"data\":[{\"ts\":", 200)]
    [InlineData("[1,2,3]", 200)]
    [InlineData("", 200)]
    public async Task A_malformed_answer_is_logged_and_a_typed_error_not_a_crash(string body, int status)
    {
        var client = Client(new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Json(body, (HttpStatusCode)status))), o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<OkxApiException>(() => client.GetAsync<object>("/api/v5/account/balance", [], signed: true, default));

        Assert.Equal(OkxErrorKind.MalformedResponse, error.Kind);
        Assert.Contains(_log.Lines, l => l.StartsWith("Error:", StringComparison.Ordinal) && l.Contains("/api/v5/account/balance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Data_of_the_wrong_shape_is_a_typed_malformed_error()
    {
        var client = Client(new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Ok("""[{"ts":12}]"""))), o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<OkxApiException>(() => client.SyncClockAsync(default));

        Assert.Equal(OkxErrorKind.MalformedResponse, error.Kind);
    }

    [Fact]
    public async Task An_idempotent_call_is_retried_after_transient_failures()
    {
        var calls = 0;
        var handler = new ScriptedHandler(_ => Task.FromResult(++calls switch
        {
            1 => ScriptedHandler.Json("busy", HttpStatusCode.ServiceUnavailable),
            2 => ScriptedHandler.Error("50011", "Rate limit reached", HttpStatusCode.TooManyRequests),
            _ => ScriptedHandler.Ok("""[{"ts":"1704067200000"}]"""),
        }));
        var client = Client(handler);

        await client.SyncClockAsync(default);

        Assert.Equal(3, handler.Count("GET", "/api/v5/public/time"));
    }

    [Fact]
    public async Task A_refusal_is_not_retried()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Error("51000", "Parameter instId error")));
        var client = Client(handler);

        await Assert.ThrowsAsync<OkxApiException>(() => client.GetAsync<object>("/api/v5/market/ticker", [], signed: false, default));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_non_idempotent_post_is_sent_once_whatever_happens()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Json("busy", HttpStatusCode.ServiceUnavailable)));
        var client = Client(handler);

        var error = await Assert.ThrowsAsync<OkxApiException>(() =>
            client.PostAsync<object>("/api/v5/trade/order", new { instId = "BTC-USDT" }, idempotent: false, itemsCarryCodes: true, default));

        Assert.Equal(OkxErrorKind.ServiceUnavailable, error.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task No_answer_in_time_is_a_timeout_error()
    {
        var client = Client(new ScriptedHandler(async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30));
            return ScriptedHandler.Ok("[]");
        }), o => { o.RequestTimeoutSeconds = 0.1; o.MaxRetries = 0; });

        var error = await Assert.ThrowsAsync<OkxApiException>(() => client.GetAsync<object>("/api/v5/account/balance", [], signed: true, default));

        Assert.Equal(OkxErrorKind.Timeout, error.Kind);
    }

    [Fact]
    public async Task Ten_consecutive_failures_open_the_breaker_which_then_sends_nothing_until_it_half_opens()
    {
        var fail = true;
        var handler = new ScriptedHandler(_ => Task.FromResult(fail
            ? ScriptedHandler.Json("down", HttpStatusCode.BadGateway)
            : ScriptedHandler.Ok("[]")));
        var client = Client(handler, o => o.MaxRetries = 0);

        for (var i = 0; i < 10; i++)
            await Assert.ThrowsAsync<OkxApiException>(() => client.GetAsync<object>("/api/v5/account/balance", [], signed: true, default));
        var refused = await Assert.ThrowsAsync<OkxApiException>(() => client.GetAsync<object>("/api/v5/account/balance", [], signed: true, default));

        Assert.Equal(OkxErrorKind.CircuitOpen, refused.Kind);
        Assert.Equal(10, handler.Requests.Count);
        Assert.Equal(OkxCircuitState.Open, client.Breaker.State);

        _clock.Advance(TimeSpan.FromSeconds(60));
        fail = false;
        Assert.Equal(OkxCircuitState.HalfOpen, client.Breaker.State);
        await client.GetAsync<object>("/api/v5/account/balance", [], signed: true, default);
        Assert.Equal(OkxCircuitState.Closed, client.Breaker.State);
    }

    [Fact]
    public async Task Refusals_do_not_count_towards_the_breaker()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Error("51008", "Insufficient balance")));
        var client = Client(handler, o => o.MaxRetries = 0);

        for (var i = 0; i < 15; i++)
            await Assert.ThrowsAsync<OkxApiException>(() => client.GetAsync<object>("/api/v5/account/balance", [], signed: true, default));

        Assert.Equal(OkxCircuitState.Closed, client.Breaker.State);
    }

    [Fact]
    public async Task Failures_are_logged_without_any_credential()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(ScriptedHandler.Error("50113", "Invalid Sign", HttpStatusCode.Unauthorized)));
        var client = Client(handler, o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<OkxApiException>(() =>
            client.PostAsync<object>("/api/v5/trade/order", new { instId = "BTC-USDT" }, idempotent: false, itemsCarryCodes: true, default));

        Assert.NotEmpty(_log.Lines);
        OkxCredentialsRedactionTests.AssertNoSecrets(_log.All);
        OkxCredentialsRedactionTests.AssertNoSecrets(error.ToString());
        Assert.DoesNotContain(handler.Requests[0].Headers["OK-ACCESS-SIGN"], _log.All, StringComparison.Ordinal);
    }

    private OkxRestClient Client(ScriptedHandler handler, Action<OkxOptions>? configure = null)
    {
        var options = OkxTestKit.Options(configure);
        // The clock only moves by hand here: a limiter as tight as OKX's would wait forever (it has its own tests).
        return new OkxRestClient(new HttpClient(handler), options, options.Credentials(), _clock, _log, new OkxRateLimiter(_clock, _ => 1000));
    }
}
