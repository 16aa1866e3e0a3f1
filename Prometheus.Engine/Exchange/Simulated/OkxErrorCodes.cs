namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// The OKX V5 sCode values the simulated exchange answers with, checked against OKX's published error-code
/// table. Where OKX has no exact code for a simulator condition, the generic 51000 (parameter error) is used.
/// </summary>
public static class OkxErrorCodes
{
    public const string Ok = "0";

    /// <summary>Operation failed (the envelope code when every item of a batch failed; the items carry sCode).</summary>
    public const string OperationFailed = "1";

    /// <summary>Bulk operation partially succeeded.</summary>
    public const string PartiallySucceeded = "2";

    /// <summary>Service temporarily unavailable, please try again later (HTTP 503).</summary>
    public const string ServiceUnavailable = "50001";

    /// <summary>API endpoint request timeout: does not mean the request failed; check the result (HTTP 400).</summary>
    public const string EndpointTimeout = "50004";

    /// <summary>Rate limit reached (HTTP 429).</summary>
    public const string RateLimited = "50011";

    /// <summary>Parameter {0} cannot be empty.</summary>
    public const string ParameterEmpty = "50014";

    /// <summary>APIKey does not match current environment (a demo key without x-simulated-trading: 1, or the reverse).</summary>
    public const string WrongEnvironment = "50101";

    /// <summary>Timestamp request expired (more than 30 s from the server's clock).</summary>
    public const string TimestampExpired = "50102";

    /// <summary>Request header OK-ACCESS-KEY cannot be empty.</summary>
    public const string HeaderKeyEmpty = "50103";

    /// <summary>Request header OK-ACCESS-PASSPHRASE cannot be empty.</summary>
    public const string HeaderPassphraseEmpty = "50104";

    /// <summary>Request header OK-ACCESS-PASSPHRASE incorrect.</summary>
    public const string PassphraseIncorrect = "50105";

    /// <summary>Request header OK-ACCESS-SIGN cannot be empty.</summary>
    public const string HeaderSignEmpty = "50106";

    /// <summary>Request header OK-ACCESS-TIMESTAMP cannot be empty.</summary>
    public const string HeaderTimestampEmpty = "50107";

    /// <summary>Invalid OK-ACCESS-KEY.</summary>
    public const string InvalidApiKey = "50111";

    /// <summary>Invalid OK-ACCESS-TIMESTAMP.</summary>
    public const string InvalidTimestamp = "50112";

    /// <summary>Invalid Sign.</summary>
    public const string InvalidSignature = "50113";

    /// <summary>Order does not exist (order queries).</summary>
    public const string OrderDoesNotExist = "51603";

    /// <summary>Position does not exist (close-position with nothing to close).</summary>
    public const string PositionDoesNotExist = "51023";

    /// <summary>Setting the position mode failed: there are open positions or pending orders.</summary>
    public const string PositionModeBusy = "59000";

    /// <summary>WebSocket: login failed.</summary>
    public const string WsLoginFailed = "60009";

    /// <summary>WebSocket: wrong URL or channel does not exist.</summary>
    public const string WsChannelNotFound = "60018";

    /// <summary>WebSocket: invalid op.</summary>
    public const string WsInvalidOp = "60019";

    /// <summary>Parameter {0} error: bad clOrdId, side/posSide, size, price; or no market price yet.</summary>
    public const string ParameterError = "51000";


    /// <summary>Instrument ID does not exist.</summary>
    public const string InstrumentNotFound = "51001";

    /// <summary>Either client order ID or order ID is required.</summary>
    public const string OrderIdRequired = "51003";

    /// <summary>Order failed. Insufficient balance (spot funds or swap margin).</summary>
    public const string InsufficientBalance = "51008";

    /// <summary>Duplicated client order ID.</summary>
    public const string DuplicateClOrdId = "51016";

    /// <summary>Order amount should be greater than the minimum available amount (size below minSz).</summary>
    public const string BelowMinSize = "51020";

    /// <summary>No available offer: no liquidity to take (an empty bar).</summary>
    public const string NoLiquidity = "51109";

    /// <summary>Close order size exceeds your available size.</summary>
    public const string CloseExceedsPosition = "51112";

    /// <summary>Order count should be the integer multiples of the lot size.</summary>
    public const string LotSizeError = "51121";

    /// <summary>reduceOnly cannot increase the position quantity.</summary>
    public const string ReduceOnlyIncreases = "51148";

    /// <summary>Cancellation failed as the order does not exist.</summary>
    public const string OrderNotFound = "51400";

    /// <summary>Cancellation failed as the order is already canceled.</summary>
    public const string AlreadyCanceled = "51401";

    /// <summary>Cancellation failed as the order is already completed (filled).</summary>
    public const string AlreadyFilled = "51402";

    /// <summary>Pending orders on the position: cancel them before adjusting the leverage.</summary>
    public const string LeverageWithPendingOrders = "59101";

    /// <summary>Leverage exceeds the maximum leverage.</summary>
    public const string LeverageTooHigh = "59102";

    /// <summary>Leverage is too low and there is not sufficient margin in the account.</summary>
    public const string LeverageInsufficientMargin = "59103";
}
