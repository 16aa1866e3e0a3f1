namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// The OKX V5 sCode values the simulated exchange answers with, checked against OKX's published error-code
/// table. Where OKX has no exact code for a simulator condition, the generic 51000 (parameter error) is used.
/// </summary>
public static class OkxErrorCodes
{
    public const string Ok = "0";

    /// <summary>Parameter {0} error: bad clOrdId, side/posSide, size, price; or no market price yet.</summary>
    public const string ParameterError = "51000";

    /// <summary>Requests too frequent (rate limit).</summary>
    public const string RateLimited = "50011";

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
