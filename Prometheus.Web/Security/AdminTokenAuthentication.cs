using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Security;

/// <summary>
/// The API's scheme: <c>Authorization: Bearer &lt;admin token&gt;</c>. A missing header is "not signed in" (401); a wrong
/// token is a failure (401) without saying why beyond that, counted against the address by <see cref="TokenGuessLimiter"/>.
/// On /hubs only, the token may come as ?access_token=..., since a browser's WebSocket cannot carry a header (SignalR's
/// accessTokenFactory sends it that way). The 401 is problem details, as every API error.
/// </summary>
public sealed class AdminTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminTokenHolder holder,
    TokenGuessLimiter guesses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminToken";
    public const string Role = "admin";
    public const string QueryTokenName = "access_token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header) && Request.Path.StartsWithSegments("/hubs") && Request.Query[QueryTokenName].ToString() is { Length: > 0 } query)
            header = "Bearer " + query;
        if (string.IsNullOrEmpty(header))
            return Task.FromResult(AuthenticateResult.NoResult());
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            || !holder.Token.Matches(header[bearer.Length..].Trim()))
        {
            guesses.Failed(Context, TokenGuessLimiter.ByBearer);
            return Task.FromResult(AuthenticateResult.Fail("invalid token"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.Of(StatusCodes.Status401Unauthorized, "sign in: send Authorization: Bearer <admin token>").ExecuteAsync(Context);
    }
}
