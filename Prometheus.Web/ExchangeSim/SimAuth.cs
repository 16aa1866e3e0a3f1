using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// Verifies a private REST request as OKX does: the four OK-ACCESS headers, the key and passphrase configured under
/// Prometheus:Sim, a timestamp within the tolerance of the server's clock (50102), the HMAC-SHA256 signature of
/// timestamp + METHOD + path with query + body (50113), and x-simulated-trading: 1 (the sim's keys are demo keys:
/// 50101 without it). WebSocket login checks the same credentials over Unix seconds + GET + /users/self/verify.
/// </summary>
public static class SimAuth
{
    /// <summary>The last second DateTimeOffset can hold (9999-12-31): a later login timestamp is refused before any arithmetic.</summary>
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public sealed record Failure(string Code, string Message);

    /// <param name="requestTarget">The path and query as the client sent them (what it signed).</param>
    public static Failure? Verify(HttpRequest request, string requestTarget, string body, ExchangeSimOptions options, DateTimeOffset now)
    {
        var key = Header(request, "OK-ACCESS-KEY");
        var sign = Header(request, "OK-ACCESS-SIGN");
        var timestamp = Header(request, "OK-ACCESS-TIMESTAMP");
        var passphrase = Header(request, "OK-ACCESS-PASSPHRASE");
        if (key is null)
            return new(OkxErrorCodes.HeaderKeyEmpty, "Request header OK-ACCESS-KEY cannot be empty.");
        if (sign is null)
            return new(OkxErrorCodes.HeaderSignEmpty, "Request header OK-ACCESS-SIGN cannot be empty.");
        if (timestamp is null)
            return new(OkxErrorCodes.HeaderTimestampEmpty, "Request header OK-ACCESS-TIMESTAMP cannot be empty.");
        if (passphrase is null)
            return new(OkxErrorCodes.HeaderPassphraseEmpty, "Request header OK-ACCESS-PASSPHRASE cannot be empty.");
        if (!OkxSigner.TryParseTimestamp(timestamp, out var time))
            return new(OkxErrorCodes.InvalidTimestamp, "Invalid OK-ACCESS-TIMESTAMP.");
        if (Math.Abs((now - time).TotalSeconds) > options.TimestampToleranceSeconds)
            return new(OkxErrorCodes.TimestampExpired, "Timestamp request expired.");
        if (!FixedEquals(key, options.ApiKey))
            return new(OkxErrorCodes.InvalidApiKey, "Invalid OK-ACCESS-KEY.");
        if (!FixedEquals(passphrase, options.Passphrase))
            return new(OkxErrorCodes.PassphraseIncorrect, "Request header OK-ACCESS-PASSPHRASE incorrect.");
        if (Header(request, "x-simulated-trading") != "1")
            return new(OkxErrorCodes.WrongEnvironment, "APIKey does not match current environment.");
        var expected = OkxSigner.Sign(options.SecretKey, OkxSigner.RestPrehash(timestamp, request.Method, requestTarget, body));
        return FixedEquals(sign, expected) ? null : new(OkxErrorCodes.InvalidSignature, "Invalid Sign.");
    }

    /// <summary>WebSocket login args; null when valid, else OKX's WS code and message.</summary>
    public static Failure? VerifyLogin(string? apiKey, string? passphrase, string? timestamp, string? sign, ExchangeSimOptions options, DateTimeOffset now)
    {
        if (apiKey is null || !FixedEquals(apiKey, options.ApiKey))
            return new("60005", "Invalid apiKey");
        if (passphrase is null || !FixedEquals(passphrase, options.Passphrase))
            return new("60024", "Wrong passphrase");
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > MaxUnixSeconds || Math.Abs(now.ToUnixTimeSeconds() - seconds) > options.TimestampToleranceSeconds)
            return new("60004", "Invalid timestamp");
        var expected = OkxSigner.Sign(options.SecretKey, OkxSigner.WebSocketLoginPrehash(timestamp!));
        return sign is not null && FixedEquals(sign, expected) ? null : new("60007", "Invalid sign");
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

    private static bool FixedEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
