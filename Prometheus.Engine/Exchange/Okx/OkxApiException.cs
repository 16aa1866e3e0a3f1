namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// An OKX call that did not succeed, typed by <see cref="Kind"/>. The message holds the endpoint, the code and OKX's
/// text, never a credential or a signature (requests are never echoed).
/// </summary>
public class OkxApiException : ExchangeException
{
    public OkxApiException(OkxErrorKind kind, string code, string message, string? endpoint = null, int? httpStatus = null, Exception? inner = null)
        : base(Describe(kind, code, message, endpoint), inner)
    {
        Kind = kind;
        Code = code;
        OkxMessage = message;
        Endpoint = endpoint;
        HttpStatus = httpStatus;
    }

    public OkxErrorKind Kind { get; }

    /// <summary>OKX's code ("51008"), or "" when there was no OKX answer.</summary>
    public string Code { get; }

    public string OkxMessage { get; }

    /// <summary>The method and path called, e.g. "POST /api/v5/trade/order".</summary>
    public string? Endpoint { get; }

    public int? HttpStatus { get; }

    /// <summary>Whether the same idempotent request may succeed if sent again later.</summary>
    public override bool IsTransient => Kind is OkxErrorKind.RateLimited or OkxErrorKind.ServiceUnavailable or OkxErrorKind.Timeout
        or OkxErrorKind.Network or OkxErrorKind.TimestampExpired;

    private static string Describe(OkxErrorKind kind, string code, string message, string? endpoint)
    {
        var where = endpoint is null ? "" : endpoint + ": ";
        var what = code.Length > 0 ? $"OKX {code} {message}" : message;
        return $"{where}{what} ({kind})";
    }
}
