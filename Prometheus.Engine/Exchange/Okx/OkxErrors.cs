using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>OKX error codes to <see cref="OkxErrorKind"/>, from OKX's published error-code table.</summary>
public static class OkxErrors
{
    public static OkxErrorKind Classify(string code) => code switch
    {
        OkxErrorCodes.ParameterError or "50014" or "51001" or "51003" or "51020" or "51121" or "51148" or "51112"
            or "50006" or "50024" or "51010" or "51015" => OkxErrorKind.Parameter,
        OkxErrorCodes.InsufficientBalance or "51004" or "51119" or "51127" or "51131" or OkxErrorCodes.LeverageInsufficientMargin
            => OkxErrorKind.InsufficientBalance,
        OkxErrorCodes.RateLimited or "50061" or "50040" => OkxErrorKind.RateLimited,
        OkxErrorCodes.InvalidSignature => OkxErrorKind.InvalidSignature,
        OkxErrorCodes.HeaderKeyEmpty or OkxErrorCodes.HeaderPassphraseEmpty or OkxErrorCodes.PassphraseIncorrect
            or OkxErrorCodes.HeaderSignEmpty or OkxErrorCodes.HeaderTimestampEmpty or OkxErrorCodes.InvalidApiKey
            or OkxErrorCodes.InvalidTimestamp or "50110" or "50100"
            // WebSocket login: invalid timestamp, apiKey, passphrase; login failed.
            or "60004" or "60005" or "60024" or OkxErrorCodes.WsLoginFailed => OkxErrorKind.Authentication,
        "60007" => OkxErrorKind.InvalidSignature,
        OkxErrorCodes.WrongEnvironment => OkxErrorKind.WrongEnvironment,
        OkxErrorCodes.TimestampExpired => OkxErrorKind.TimestampExpired,
        OkxErrorCodes.DuplicateClOrdId => OkxErrorKind.DuplicateClOrdId,
        OkxErrorCodes.OrderDoesNotExist or OkxErrorCodes.OrderNotFound => OkxErrorKind.OrderNotFound,
        OkxErrorCodes.ServiceUnavailable or "50013" or "50026" or "50005" => OkxErrorKind.ServiceUnavailable,
        OkxErrorCodes.EndpointTimeout => OkxErrorKind.Timeout,
        _ => OkxErrorKind.Other,
    };

    /// <summary>The error of an OKX answer with a non-zero code.</summary>
    public static OkxApiException FromCode(string code, string message, string? endpoint, int? httpStatus = null) =>
        new(Classify(code), code, message, endpoint, httpStatus);
}
