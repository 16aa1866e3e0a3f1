using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// OKX V5 REST transport: signing (the four OK-ACCESS headers, x-simulated-trading in demo), clock-skew correction
/// from /public/time, per-endpoint rate limits, the circuit breaker, per-attempt timeouts, the {code, msg, data}
/// envelope and typed errors. Idempotent calls (every GET, cancels) are retried with exponential backoff through a
/// Polly pipeline; an order POST is sent once: its caller looks the order up when the outcome is unknown.
/// Logs name the endpoint, the code and OKX's message; never a header, a signature or a request body.
/// </summary>
public sealed class OkxRestClient
{
    private readonly HttpClient _http;
    private readonly OkxOptions _options;
    private readonly OkxCredentials? _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private long _offsetTicks;

    public OkxRestClient(HttpClient http, OkxOptions options, OkxCredentials? credentials, TimeProvider time, ILogger logger,
        OkxRateLimiter? limiter = null, OkxCircuitBreaker? breaker = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _credentials = credentials;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Limiter = limiter ?? new OkxRateLimiter(time);
        Breaker = breaker ?? new OkxCircuitBreaker(options.CircuitBreakerFailures, TimeSpan.FromSeconds(options.CircuitBreakerOpenSeconds), time);
        Breaker.StateChanged += state => _logger.LogWarning("OKX circuit breaker {State}", state);
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<OkxApiException>(e => e.IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.RetryBaseDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(options.RetryMaxDelaySeconds),
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                OnRetry = args =>
                {
                    _logger.LogWarning("OKX call failed ({Error}); retry {Attempt} in {Delay:0.###} s",
                        args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
        if (options.MaxRetries == 0)
            _retry = ResiliencePipeline.Empty;
    }

    public OkxRateLimiter Limiter { get; }

    public OkxCircuitBreaker Breaker { get; }

    /// <summary>Server clock minus local clock, measured by <see cref="SyncClockAsync"/>; added to every signed timestamp.</summary>
    public TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>HTTP requests sent (attempts, retries included), per "METHOD path": for tests and diagnostics.</summary>
    public IReadOnlyDictionary<string, int> Sent => _sent;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);

    /// <summary>Measures the clock offset from GET /api/v5/public/time (half the round trip taken as the server's delay).</summary>
    public async Task SyncClockAsync(CancellationToken ct)
    {
        var before = _time.GetUtcNow();
        var data = await GetAsync<Wire.OkxTimeWire>("/api/v5/public/time", [], signed: false, ct).ConfigureAwait(false);
        var after = _time.GetUtcNow();
        if (data.Count == 0)
            throw OkxJson.Malformed("public/time answered no data", "GET /api/v5/public/time");
        var server = DateTimeOffset.FromUnixTimeMilliseconds(OkxJson.Long(data[0].Ts, "ts"));
        var local = before + (after - before) / 2;
        Interlocked.Exchange(ref _offsetTicks, (server - local).Ticks);
        _logger.LogInformation("OKX clock offset {Offset:0.###} s", ClockOffset.TotalSeconds);
    }

    /// <summary>A GET, retried on transient failures. Throws <see cref="OkxApiException"/> on any non-zero code.</summary>
    public async Task<IReadOnlyList<T>> GetAsync<T>(string path, IEnumerable<KeyValuePair<string, string?>> query, bool signed, CancellationToken ct)
    {
        var pathAndQuery = path + QueryString(query);
        var response = await _retry.ExecuteAsync(
            async token => await SendOnceAsync<T>(HttpMethod.Get, path, pathAndQuery, "", signed, itemsCarryCodes: false, token).ConfigureAwait(false),
            ct).ConfigureAwait(false);
        return response.Data;
    }

    /// <summary>
    /// A POST. With <paramref name="idempotent"/> false (order placement) it is sent exactly once whatever happens.
    /// Order operations answer per item (sCode/sMsg): their data is returned even when the envelope's code is 1 or 2.
    /// </summary>
    public async Task<OkxResponse<T>> PostAsync<T>(string path, object body, bool idempotent, bool itemsCarryCodes, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(body, OkxJson.Request);
        if (!idempotent)
            return await SendOnceAsync<T>(HttpMethod.Post, path, path, json, signed: true, itemsCarryCodes, ct).ConfigureAwait(false);
        return await _retry.ExecuteAsync(
            async token => await SendOnceAsync<T>(HttpMethod.Post, path, path, json, signed: true, itemsCarryCodes, token).ConfigureAwait(false),
            ct).ConfigureAwait(false);
    }

    private async Task<OkxResponse<T>> SendOnceAsync<T>(
        HttpMethod method, string path, string pathAndQuery, string body, bool signed, bool itemsCarryCodes, CancellationToken ct)
    {
        var endpoint = $"{method.Method} {path}";
        await Limiter.WaitAsync(path, ct).ConfigureAwait(false);
        Breaker.EnsureCallAllowed(endpoint);
        try
        {
            var response = await ExchangeAsync<T>(method, endpoint, pathAndQuery, body, signed, itemsCarryCodes, ct).ConfigureAwait(false);
            Breaker.RecordSuccess();
            return response;
        }
        catch (OkxApiException e)
        {
            if (e.IsTransient || e.Kind == OkxErrorKind.MalformedResponse)
                Breaker.RecordFailure();
            else
                Breaker.RecordSuccess();   // the exchange answered: a refusal is not an outage
            _logger.LogWarning("OKX {Endpoint} failed: {Kind} {Code} {Message}", endpoint, e.Kind, e.Code, e.OkxMessage);
            if (e.Kind == OkxErrorKind.TimestampExpired && signed)
                await TryResyncAsync(ct).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<OkxResponse<T>> ExchangeAsync<T>(
        HttpMethod method, string endpoint, string pathAndQuery, string body, bool signed, bool itemsCarryCodes, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, _options.ResolvedBaseUrl + pathAndQuery);
        if (method == HttpMethod.Post)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (signed)
            Sign(request, method.Method, pathAndQuery, body);
        if (_options.Demo)
            request.Headers.TryAddWithoutValidation("x-simulated-trading", "1");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        _sent.AddOrUpdate(endpoint, 1, static (_, n) => n + 1);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new OkxApiException(OkxErrorKind.Timeout, "", $"no answer within {_options.RequestTimeoutSeconds:0.###} s", endpoint);
        }
        catch (HttpRequestException e)
        {
            throw new OkxApiException(OkxErrorKind.Network, "", e.Message, endpoint, inner: e);
        }
        using (response)
            return Parse<T>(endpoint, (int)response.StatusCode, text, itemsCarryCodes);
    }

    private OkxResponse<T> Parse<T>(string endpoint, int status, string text, bool itemsCarryCodes)
    {
        OkxResponse<JsonElement> envelope;
        try
        {
            envelope = ReadEnvelope(text);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            if (status == (int)HttpStatusCode.TooManyRequests)
                throw new OkxApiException(OkxErrorKind.RateLimited, "", "HTTP 429", endpoint, status);
            if (status >= 500)
                throw new OkxApiException(OkxErrorKind.ServiceUnavailable, "", $"HTTP {status}", endpoint, status);
            _logger.LogError("OKX {Endpoint} answered HTTP {Status} with a body that is not OKX JSON: {Body}", endpoint, status, OkxJson.Truncate(text, 200));
            throw OkxJson.Malformed($"HTTP {status}, not an OKX answer: {OkxJson.Truncate(text, 120)}", endpoint, e);
        }

        if (envelope.Code != "0" && !(itemsCarryCodes && envelope.Data.Count > 0 && envelope.Code is "1" or "2"))
        {
            if (status == (int)HttpStatusCode.TooManyRequests && envelope.Code.Length == 0)
                throw new OkxApiException(OkxErrorKind.RateLimited, "", "HTTP 429", endpoint, status);
            throw OkxErrors.FromCode(envelope.Code, envelope.Msg, endpoint, status);
        }
        try
        {
            var items = new List<T>(envelope.Data.Count);
            foreach (var element in envelope.Data)
                items.Add(element.Deserialize<T>(OkxJson.Response) ?? throw new JsonException("null item"));
            return new OkxResponse<T>(envelope.Code, envelope.Msg, items);
        }
        catch (JsonException e)
        {
            _logger.LogError("OKX {Endpoint} answered data the gateway cannot read: {Error}; body {Body}", endpoint, e.Message, OkxJson.Truncate(text, 200));
            throw OkxJson.Malformed($"data not as OKX documents it: {e.Message}", endpoint, e);
        }
    }

    /// <summary>{code, msg, data}: code may be a string or a number; data an array (or absent).</summary>
    public static OkxResponse<JsonElement> ReadEnvelope(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var codeElement))
            throw new JsonException("no code");
        var code = codeElement.ValueKind switch
        {
            JsonValueKind.String => codeElement.GetString()!,
            JsonValueKind.Number => codeElement.GetRawText(),
            _ => throw new JsonException("code is neither a string nor a number"),
        };
        var msg = root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var data = new List<JsonElement>();
        if (root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in d.EnumerateArray())
                data.Add(item.Clone());
        }
        return new OkxResponse<JsonElement>(code, msg, data);
    }

    private void Sign(HttpRequestMessage request, string method, string pathAndQuery, string body)
    {
        var credentials = _credentials ?? throw new InvalidOperationException("This OKX client has no credentials; private endpoints need them.");
        var timestamp = OkxSigner.FormatTimestamp(_time.GetUtcNow() + ClockOffset);
        request.Headers.TryAddWithoutValidation("OK-ACCESS-KEY", credentials.ApiKey);
        request.Headers.TryAddWithoutValidation("OK-ACCESS-SIGN", OkxSigner.SignRest(credentials, timestamp, method, pathAndQuery, body));
        request.Headers.TryAddWithoutValidation("OK-ACCESS-TIMESTAMP", timestamp);
        request.Headers.TryAddWithoutValidation("OK-ACCESS-PASSPHRASE", credentials.Passphrase);
    }

    private async Task TryResyncAsync(CancellationToken ct)
    {
        try
        {
            await SyncClockAsync(ct).ConfigureAwait(false);
        }
        catch (OkxApiException e)
        {
            _logger.LogWarning("OKX clock resync failed: {Message}", e.Message);
        }
    }

    public static string QueryString(IEnumerable<KeyValuePair<string, string?>> query)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in query)
        {
            if (string.IsNullOrEmpty(value))
                continue;
            builder.Append(builder.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }
        return builder.ToString();
    }
}
