using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// The OKX gateway. Section: Prometheus:Exchange:Okx. Credentials come from configuration, the environment
/// (Prometheus__Exchange__Okx__SecretKey) or user-secrets; they are redacted in <see cref="ToString"/>.
/// Real money needs <see cref="Demo"/> = false and <see cref="AllowLive"/> = true together, or validation fails.
/// Empty URLs mean OKX's own for the environment (demo or live); point them at exchange-sim to trade on it.
/// </summary>
public sealed class OkxOptions : IValidatable
{
    public const string Section = "Prometheus:Exchange:Okx";
    public const string LiveRestUrl = "https://www.okx.com";
    public const string LiveWsHost = "wss://ws.okx.com:8443";
    public const string DemoWsHost = "wss://wspap.okx.com:8443";

    public string ApiKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string Passphrase { get; set; } = "";

    /// <summary>Demo trading (the x-simulated-trading: 1 header and the demo WebSocket host). The default.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Must be true, with Demo false, to trade real money.</summary>
    public bool AllowLive { get; set; }

    /// <summary>REST base address; empty: https://www.okx.com (demo and live share it).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Public WebSocket (tickers); empty: OKX's for the environment.</summary>
    public string PublicWsUrl { get; set; } = "";

    /// <summary>Business WebSocket (candles); empty: OKX's for the environment.</summary>
    public string BusinessWsUrl { get; set; } = "";

    /// <summary>Private WebSocket (orders, positions, account); empty: OKX's for the environment.</summary>
    public string PrivateWsUrl { get; set; } = "";

    /// <summary>Margin mode of swap orders (tdMode): isolated or cross. Spot orders always trade cash.</summary>
    public string MarginMode { get; set; } = "isolated";

    /// <summary>Candle channel the gateway follows on the business WebSocket (candle{bar}).</summary>
    public string CandleBar { get; set; } = "15m";

    /// <summary>Seconds to wait for one REST answer; past it the outcome is unknown.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Retries of an idempotent call after a transient failure (never of an order POST).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay; it doubles per attempt up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    public double RetryMaxDelaySeconds { get; set; } = 60;

    /// <summary>Consecutive failed calls that open the circuit breaker.</summary>
    public int CircuitBreakerFailures { get; set; } = 10;

    /// <summary>How long an open breaker refuses calls before it lets one through to test.</summary>
    public double CircuitBreakerOpenSeconds { get; set; } = 60;

    /// <summary>Send "ping" when nothing arrived on a WebSocket for this long (OKX closes a socket idle for 30 s).</summary>
    public double HeartbeatSeconds { get; set; } = 25;

    /// <summary>How long to wait for "pong" (or any message) after a ping before reconnecting.</summary>
    public double PongTimeoutSeconds { get; set; } = 5;

    /// <summary>First reconnect delay; it doubles per failed attempt up to <see cref="ReconnectMaxDelaySeconds"/>.</summary>
    public double ReconnectBaseDelaySeconds { get; set; } = 1;

    public double ReconnectMaxDelaySeconds { get; set; } = 60;

    public bool HasCredentials =>
        !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(Passphrase);

    /// <summary>True only when real money can be traded.</summary>
    public bool IsLive => !Demo && AllowLive;

    public string ResolvedBaseUrl => string.IsNullOrWhiteSpace(BaseUrl) ? LiveRestUrl : BaseUrl.TrimEnd('/');

    public string ResolvedPublicWsUrl => Resolve(PublicWsUrl, "public");

    public string ResolvedBusinessWsUrl => Resolve(BusinessWsUrl, "business");

    public string ResolvedPrivateWsUrl => Resolve(PrivateWsUrl, "private");

    /// <summary>The credentials; throws when any part is missing (checked by validation when Mode is Okx).</summary>
    public OkxCredentials Credentials() =>
        HasCredentials
            ? new OkxCredentials(ApiKey, SecretKey, Passphrase)
            : throw new InvalidOperationException($"{Section}:ApiKey, SecretKey and Passphrase must all be set to use the OKX gateway");

    public OkxOptions Clone() => (OkxOptions)MemberwiseClone();

    public IEnumerable<string> Validate()
    {
        if (!Demo && !AllowLive)
            yield return $"{Section}:Demo is false but {Section}:AllowLive is not true: live trading with real money needs both {Section}:Demo=false and {Section}:AllowLive=true";
        if (Demo && AllowLive)
            yield return $"{Section}:AllowLive is true while {Section}:Demo is true: say which one you mean (AllowLive only applies with Demo=false)";
        foreach (var (key, value, scheme) in new[]
                 {
                     ("BaseUrl", BaseUrl, "http"), ("PublicWsUrl", PublicWsUrl, "ws"),
                     ("BusinessWsUrl", BusinessWsUrl, "ws"), ("PrivateWsUrl", PrivateWsUrl, "ws"),
                 })
        {
            if (value.Length > 0 && !IsUrl(value, scheme))
                yield return $"{Section}:{key} must be an absolute {scheme}(s):// address or empty (was '{value}')";
        }
        if (MarginMode is not ("isolated" or "cross"))
            yield return $"{Section}:MarginMode must be isolated or cross (was '{MarginMode}')";
        if (!OkxBars.IsKnown(CandleBar))
            yield return $"{Section}:CandleBar must be one of {string.Join(", ", OkxBars.Known)} (was '{CandleBar}')";
        foreach (var error in Check.Range($"{Section}:RequestTimeoutSeconds", RequestTimeoutSeconds, 0.05, 300)
                     .Concat(Check.Range($"{Section}:MaxRetries", MaxRetries, 0, 20))
                     .Concat(Check.Range($"{Section}:RetryBaseDelaySeconds", RetryBaseDelaySeconds, 0.001, 60))
                     .Concat(Check.Range($"{Section}:RetryMaxDelaySeconds", RetryMaxDelaySeconds, RetryBaseDelaySeconds, 3600))
                     .Concat(Check.Range($"{Section}:CircuitBreakerFailures", CircuitBreakerFailures, 1, 1000))
                     .Concat(Check.Range($"{Section}:CircuitBreakerOpenSeconds", CircuitBreakerOpenSeconds, 0.01, 3600))
                     .Concat(Check.Range($"{Section}:HeartbeatSeconds", HeartbeatSeconds, 0.05, 29))
                     .Concat(Check.Range($"{Section}:PongTimeoutSeconds", PongTimeoutSeconds, 0.05, 60))
                     .Concat(Check.Range($"{Section}:ReconnectBaseDelaySeconds", ReconnectBaseDelaySeconds, 0.001, 60))
                     .Concat(Check.Range($"{Section}:ReconnectMaxDelaySeconds", ReconnectMaxDelaySeconds, ReconnectBaseDelaySeconds, 3600)))
            yield return error;
    }

    /// <summary>Everything but the secrets: the key shows its last four characters, the secret and passphrase nothing.</summary>
    public override string ToString() =>
        $"OkxOptions {{ ApiKey = {OkxCredentials.Redact(ApiKey)}, SecretKey = {(SecretKey.Length > 0 ? "***" : "(none)")}, " +
        $"Passphrase = {(Passphrase.Length > 0 ? "***" : "(none)")}, Demo = {Demo}, AllowLive = {AllowLive}, BaseUrl = {ResolvedBaseUrl}, " +
        $"PrivateWsUrl = {ResolvedPrivateWsUrl}, MarginMode = {MarginMode} }}";

    private string Resolve(string configured, string channel) =>
        string.IsNullOrWhiteSpace(configured) ? $"{(Demo ? DemoWsHost : LiveWsHost)}/ws/v5/{channel}" : configured;

    private static bool IsUrl(string value, string scheme) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == scheme || uri.Scheme == scheme + "s");
}
