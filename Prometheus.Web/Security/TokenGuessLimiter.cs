using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Security;

/// <summary>
/// One limit on guessing the admin token, whichever way it comes: the sign-in form, the <c>?token=</c> link,
/// <c>Authorization: Bearer</c> (or the hub's <c>?access_token=</c>). Per client address, at most
/// <see cref="FailuresPerWindow"/> wrong tokens in a fixed window of <see cref="Window"/>.
/// - Only failures count (<see cref="Failed"/>, called where a token is found wrong), so a script with the right token
///   is never slowed down.
/// - It is the RateLimiter middleware's global limiter: before authentication reads a token, a request that carries
///   one from an address that has used up its failures is answered 429 with Retry-After, right token or wrong (a right
///   one let through would tell the guesser it has found it). Requests without a token (signed-in pages, /healthz) pass.
/// - Every wrong token is logged with the way it came and the address, never the token.
/// </summary>
public sealed class TokenGuessLimiter(ILogger<TokenGuessLimiter> logger) : PartitionedRateLimiter<HttpContext>
{
    public const int FailuresPerWindow = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public const string ByForm = "sign-in form";
    public const string ByLink = "token link";
    public const string ByBearer = "bearer";

    private static readonly RateLimitLease Open = new OpenLease();

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerWindow,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>Counts one wrong token from the request's address, and logs it (the way and the address, not the token).</summary>
    public void Failed(HttpContext context, string way)
    {
        var address = Address(context);
        using (_failures.AttemptAcquire(address))
        {
            // A fixed window: giving the lease back returns nothing, the failure stays counted until the window ends.
        }
        var left = _failures.GetStatistics(address)?.CurrentAvailablePermits ?? 0;
        if (left > 0)
            logger.LogWarning("A wrong admin token was refused ({Way}, from {Address}): {Left} more this minute before that address is held off",
                way, address, left);
        else
            logger.LogWarning("A wrong admin token was refused ({Way}, from {Address}): that was its last of {Limit} a minute; " +
                "every request of it carrying a token gets 429 until the minute is over", way, address, FailuresPerWindow);
    }

    /// <summary>True when the request carries an admin token, in any of the ways one is read.</summary>
    public static bool CarriesToken(HttpContext context)
    {
        var request = context.Request;
        if (!string.IsNullOrEmpty(request.Headers.Authorization))
            return true;
        if (request.Path.StartsWithSegments("/hubs"))
            return request.Query.ContainsKey(AdminTokenAuthentication.QueryTokenName);
        if (HttpMethods.IsPost(request.Method))
            return request.Path.Equals(SignInEndpoints.SignInRoute, StringComparison.OrdinalIgnoreCase);
        return SignInEndpoints.IsTokenLink(request);
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _failures.GetStatistics(Address(resource));

    /// <summary>Takes nothing: only asks whether the address still has failures left (0 permits), when the request carries a token.</summary>
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        CarriesToken(resource) ? _failures.AttemptAcquire(Address(resource), 0) : Open;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing) _failures.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The answer when an address is held off: 429, Retry-After, a problem saying when to try again.</summary>
    internal async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        logger.LogDebug("A request carrying a token from {Address} was held off (429, retry after {Seconds} s)", Address(context), seconds);
        await Problems.Of(StatusCodes.Status429TooManyRequests,
            $"too many wrong admin tokens from this address: try again in {seconds} s").ExecuteAsync(context);
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";

    /// <summary>The lease of a request that carries no token: nothing is taken, nothing to give back.</summary>
    private sealed class OpenLease : RateLimitLease
    {
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
