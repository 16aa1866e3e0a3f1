using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// OKX V5 request signatures: Base64(HMAC-SHA256(secret, prehash)).
/// REST prehash = timestamp (ISO 8601 UTC with milliseconds) + METHOD + requestPath with its query + body.
/// WebSocket login prehash = Unix seconds + "GET" + "/users/self/verify".
/// The gateway signs with it and the exchange-sim server verifies with it: one implementation for both sides.
/// </summary>
public static class OkxSigner
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    public const string WebSocketLoginPath = "/users/self/verify";

    public static string Sign(string secretKey, string prehash)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(prehash);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(prehash));
        return Convert.ToBase64String(mac);
    }

    /// <param name="requestPath">The path with its query string, e.g. /api/v5/trade/order?instId=BTC-USDT&amp;ordId=1.</param>
    public static string RestPrehash(string timestamp, string method, string requestPath, string body) =>
        timestamp + method.ToUpperInvariant() + requestPath + body;

    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static bool TryParseTimestamp(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        // OKX accepts any ISO 8601 UTC time (the well-known client's "57.57Z" among them), so the server does too.
        || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time) && value!.EndsWith('Z');

    public static string SignRest(OkxCredentials credentials, string timestamp, string method, string requestPath, string body) =>
        Sign(credentials.SecretKey, RestPrehash(timestamp, method, requestPath, body));

    public static string WebSocketLoginPrehash(string unixSeconds) => unixSeconds + "GET" + WebSocketLoginPath;

    public static string SignWebSocketLogin(OkxCredentials credentials, string unixSeconds) =>
        Sign(credentials.SecretKey, WebSocketLoginPrehash(unixSeconds));
}
