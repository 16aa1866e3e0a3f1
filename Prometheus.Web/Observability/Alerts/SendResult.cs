using System.Net;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>The result of one try: delivered; or failed, worth another try or not, perhaps after a wait the destination asked for.</summary>
public sealed record SendResult(bool Delivered, bool TryAgain, string? Error, TimeSpan? RetryAfter = null)
{
    public static readonly SendResult Ok = new(true, false, null);

    /// <summary>An HTTP answer other than 2xx: 429 and 5xx may pass, another 4xx will not.</summary>
    public static SendResult FromStatus(HttpStatusCode status, string? detail = null, TimeSpan? retryAfter = null)
    {
        var code = (int)status;
        var error = detail is { Length: > 0 } ? $"HTTP {code}: {detail}" : $"HTTP {code}";
        return new SendResult(false, code == 429 || code >= 500, error, retryAfter);
    }

    public static SendResult Unreachable(string reason) => new(false, true, reason);
}
