namespace Prometheus.Engine.Exchange.Okx;

/// <summary>What an OKX error means to the caller; <see cref="OkxErrors.Classify"/> maps codes to it.</summary>
public enum OkxErrorKind
{
    /// <summary>A code with no special handling; read <see cref="OkxApiException.Code"/>.</summary>
    Other,

    /// <summary>51000, 50014 and the other parameter errors: the request is wrong and will stay wrong.</summary>
    Parameter,

    /// <summary>51008 and relatives: not enough balance or margin.</summary>
    InsufficientBalance,

    /// <summary>50011, 50061, HTTP 429: too many requests; retried after a pause when the call is idempotent.</summary>
    RateLimited,

    /// <summary>50113: the signature does not match (wrong secret, or a body changed after signing).</summary>
    InvalidSignature,

    /// <summary>50103..50112, 50105, 50111: a missing or unknown key, passphrase or header.</summary>
    Authentication,

    /// <summary>50101: a demo key on the live site or the other way round (the x-simulated-trading header).</summary>
    WrongEnvironment,

    /// <summary>50102: the request's timestamp is too far from the server's clock.</summary>
    TimestampExpired,

    /// <summary>51016: the clOrdId was used before.</summary>
    DuplicateClOrdId,

    /// <summary>51603, 51400 and relatives: the order does not exist.</summary>
    OrderNotFound,

    /// <summary>50001, 50013, 50026, HTTP 5xx: the exchange is busy or down; transient.</summary>
    ServiceUnavailable,

    /// <summary>50004 or no answer in time: the outcome is unknown, never "failed".</summary>
    Timeout,

    /// <summary>An answer that is not OKX's JSON (a proxy's HTML page, a truncated body, a number that is not one).</summary>
    MalformedResponse,

    /// <summary>The circuit breaker is open: the gateway sends nothing until it closes.</summary>
    CircuitOpen,

    /// <summary>The connection failed before an answer (DNS, refused, reset).</summary>
    Network,
}
