using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Prometheus.Web.Engine;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Security;

/// <summary>
/// Exchanging the admin token for the dashboard cookie, and giving it back:
/// - POST /account/signin (form: token, returnUrl; antiforgery);
/// - GET any page with ?token=... once (the link the console prints at the first start): signed in, then redirected
///   to ?returnUrl= when it is a local path, else "/" when one is given, else the same page without the token (so it
///   does not stay in the address bar or reach a Referer);
/// - POST /account/signout (antiforgery).
/// Every input is checked before anything is done: a returnUrl no redirect can carry is 400 and signs nobody in.
/// Wrong tokens count against the address in <see cref="TokenGuessLimiter"/>, shared with the API's Bearer scheme.
/// Sign-ins and sign-outs go to the audit log; the token itself is never logged.
/// </summary>
public static class SignInEndpoints
{
    public const string SignInRoute = "/account/signin";
    public const string SignOutRoute = "/account/signout";
    public const string TokenQuery = "token";

    /// <summary>Sign-in's services: the one limiter on token guessing, as the RateLimiter middleware's global limiter.</summary>
    public static IServiceCollection AddPrometheusSignIn(this IServiceCollection services)
    {
        services.AddSingleton<TokenGuessLimiter>();
        services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        services.AddOptions<RateLimiterOptions>().Configure<TokenGuessLimiter>((o, limiter) =>
        {
            o.GlobalLimiter = limiter;
            o.OnRejected = limiter.RejectAsync;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPrometheusSignIn(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("").WithBodyLimit().DisableAntiforgery();
        account.MapPost(SignInRoute, SignInAsync).AllowAnonymous();
        account.MapPost(SignOutRoute, SignOutAsync);
        return app;
    }

    /// <summary>A page's GET carrying ?token=...: the link the console prints.</summary>
    public static bool IsTokenLink(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Query.ContainsKey(TokenQuery)
        && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hubs");

    /// <summary>Signs in from ?token=... on a page's GET and redirects (see the type's summary for where).</summary>
    public static IApplicationBuilder UseTokenLink(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!IsTokenLink(request))
        {
            await next(context);
            return;
        }
        var returnUrl = request.Query[ReturnUrl.FieldName].ToString();
        if (ReturnUrl.Problem(returnUrl) is { } problem)
        {
            await Problems.Field(ReturnUrl.FieldName, problem).ExecuteAsync(context);
            return;
        }
        var target = ReturnUrl.LocalOrHome(request.Query.ContainsKey(ReturnUrl.FieldName) ? returnUrl : SamePageWithoutToken(request));
        var holder = context.RequestServices.GetRequiredService<AdminTokenHolder>();
        if (holder.Token.Matches(request.Query[TokenQuery].ToString()))
        {
            await context.SignInAsync(DashboardAuthentication.CookieScheme, DashboardAuthentication.Principal(holder.Token), Persistent);
            await AuditAsync(context, "sign-in", "with the dashboard link");
            await Results.LocalRedirect(target).ExecuteAsync(context);
        }
        else
        {
            context.RequestServices.GetRequiredService<TokenGuessLimiter>().Failed(context, TokenGuessLimiter.ByLink);
            await Results.LocalRedirect(SignInPage("link", target)).ExecuteAsync(context);
        }
    });

    private static AuthenticationProperties Persistent => new() { IsPersistent = true };

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, AdminTokenHolder holder, TokenGuessLimiter guesses)
    {
        if (!context.Request.HasFormContentType)
            return Problems.Of(StatusCodes.Status400BadRequest, "The form expired: reload the sign-in page.");
        var (form, unreadable) = await context.ReadFormWithinLimitsAsync();
        if (unreadable is not null)
            return unreadable;
        if (!await antiforgery.IsRequestValidAsync(context))
            return Problems.Of(StatusCodes.Status400BadRequest, "The form expired: reload the sign-in page.");
        if (ReturnUrl.Problem(form![ReturnUrl.FieldName]) is { } problem)
            return Problems.Field(ReturnUrl.FieldName, problem);
        var returnUrl = ReturnUrl.LocalOrHome(form[ReturnUrl.FieldName]);
        if (!holder.Token.Matches(form["token"].ToString().Trim()))
        {
            guesses.Failed(context, TokenGuessLimiter.ByForm);
            return Results.LocalRedirect(SignInPage("token", returnUrl));
        }
        await context.SignInAsync(DashboardAuthentication.CookieScheme, DashboardAuthentication.Principal(holder.Token), Persistent);
        await AuditAsync(context, "sign-in", "with the admin token");
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var (_, unreadable) = context.Request.HasFormContentType ? await context.ReadFormWithinLimitsAsync() : (null, null);
        if (unreadable is not null)
            return unreadable;
        if (!await antiforgery.IsRequestValidAsync(context))
            return Problems.Of(StatusCodes.Status400BadRequest, "The form expired: reload the page.");
        if (context.User.Identity?.IsAuthenticated == true)
            await AuditAsync(context, "sign-out", "");
        await context.SignOutAsync(DashboardAuthentication.CookieScheme);
        return Results.LocalRedirect(DashboardAuthentication.SignInPath + "?signedOut=1");
    }

    private static string SamePageWithoutToken(HttpRequest request)
    {
        var rest = request.Query.Where(q => q.Key != TokenQuery).ToDictionary(q => q.Key, q => q.Value);
        return QueryHelpers.AddQueryString((request.PathBase + request.Path).ToString(), rest);
    }

    private static string SignInPage(string error, string returnUrl) => QueryHelpers.AddQueryString(DashboardAuthentication.SignInPath,
        new Dictionary<string, string?> { ["error"] = error, [ReturnUrl.FieldName] = returnUrl });

    private static async Task AuditAsync(HttpContext context, string action, string detail)
    {
        if (context.RequestServices.GetRequiredService<EngineRuntime>().Store is { } store)
            await store.AuditAsync($"admin@{context.Connection.RemoteIpAddress}", action, detail);
    }
}
