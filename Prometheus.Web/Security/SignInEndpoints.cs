using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Security;

/// <summary>
/// Exchanging the admin token for the dashboard cookie, and giving it back:
/// - POST /account/signin (form: token, returnUrl; antiforgery; at most 10 tries a minute per address);
/// - GET any page with ?token=... once (the link the console prints at the first start): signed in, then redirected
///   to the same address without the token, so it does not stay in the address bar or reach a Referer;
/// - POST /account/signout (antiforgery).
/// Sign-ins and sign-outs go to the audit log; the token itself is never logged.
/// </summary>
public static class SignInEndpoints
{
    public const string SignInRoute = "/account/signin";
    public const string SignOutRoute = "/account/signout";
    public const string RateLimitPolicy = "signin";

    public static IServiceCollection AddPrometheusSignIn(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

    public static IEndpointRouteBuilder MapPrometheusSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost(SignInRoute, SignInAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicy);
        app.MapPost(SignOutRoute, SignOutAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>Signs in from ?token=... on a page's GET and redirects to the same page without it.</summary>
    public static IApplicationBuilder UseTokenLink(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !request.Query.ContainsKey("token")
            || request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs"))
        {
            await next(context);
            return;
        }
        var holder = context.RequestServices.GetRequiredService<AdminTokenHolder>();
        var rest = request.Query.Where(q => q.Key != "token").ToDictionary(q => q.Key, q => q.Value);
        var target = QueryHelpers.AddQueryString(request.PathBase + request.Path, rest);
        if (holder.Token.Matches(request.Query["token"].ToString()))
        {
            await context.SignInAsync(DashboardAuthentication.CookieScheme, DashboardAuthentication.Principal(holder.Token), Persistent);
            await AuditAsync(context, "sign-in", "with the dashboard link");
            context.Response.Redirect(target);
        }
        else
        {
            context.Response.Redirect(QueryHelpers.AddQueryString(DashboardAuthentication.SignInPath,
                new Dictionary<string, string?> { ["error"] = "link", ["returnUrl"] = target }));
        }
    });

    private static AuthenticationProperties Persistent => new() { IsPersistent = true };

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, AdminTokenHolder holder, ILoggerFactory logs)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return Results.BadRequest("The form expired: reload the sign-in page.");
        var form = await context.Request.ReadFormAsync();
        var returnUrl = LocalOrHome(form["returnUrl"].ToString());
        if (!holder.Token.Matches(form["token"].ToString().Trim()))
        {
            logs.CreateLogger("Prometheus.SignIn").LogWarning("A sign-in with a wrong token was refused (from {Address})", context.Connection.RemoteIpAddress);
            return Results.Redirect(QueryHelpers.AddQueryString(DashboardAuthentication.SignInPath,
                new Dictionary<string, string?> { ["error"] = "token", ["returnUrl"] = returnUrl }));
        }
        await context.SignInAsync(DashboardAuthentication.CookieScheme, DashboardAuthentication.Principal(holder.Token), Persistent);
        await AuditAsync(context, "sign-in", "with the admin token");
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return Results.BadRequest("The form expired: reload the page.");
        if (context.User.Identity?.IsAuthenticated == true)
            await AuditAsync(context, "sign-out", "");
        await context.SignOutAsync(DashboardAuthentication.CookieScheme);
        return Results.Redirect(DashboardAuthentication.SignInPath + "?signedOut=1");
    }

    /// <summary>Only a path on this host: an open redirect would turn the sign-in page into a phishing tool.</summary>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : "/";

    private static async Task AuditAsync(HttpContext context, string action, string detail)
    {
        if (context.RequestServices.GetRequiredService<EngineRuntime>().Store is { } store)
            await store.AuditAsync($"admin@{context.Connection.RemoteIpAddress}", action, detail);
    }
}
