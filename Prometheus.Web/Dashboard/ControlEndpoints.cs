using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Prometheus.Web.Hosting;
using Prometheus.Web.Security;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The dashboard's controls as form POSTs: signed in (cookie), antiforgery token checked, every input checked, then the
/// command, then a redirect back to the page with the outcome (post/redirect/get, so a reload never repeats a control).
/// Form fields: returnUrl (a local path; another host's goes to "/") and the control's own (itemId, choice, agentId, reason...).
/// Bad input is refused with 400 (413 for a form over 64 KB) before the command runs: a returnUrl no redirect can carry,
/// a text field over 500 characters.
/// </summary>
public static class ControlEndpoints
{
    public const string Prefix = "/controls";
    public const string OutcomeQuery = "outcome";
    private const string AntiforgeryField = "__RequestVerificationToken";

    public static IEndpointRouteBuilder MapDashboardControls(this IEndpointRouteBuilder app)
    {
        var controls = app.MapGroup(Prefix).RequireAuthorization().DisableAntiforgery().WithBodyLimit();
        controls.MapPost("/recovery/confirm", (HttpContext h, DashboardControls c) => RunAsync(h, (a, _) => c.ConfirmAsync(a)));
        controls.MapPost("/trading/pause", (HttpContext h, DashboardControls c) => RunAsync(h, (a, _) => c.PauseAsync(a)));
        controls.MapPost("/trading/resume", (HttpContext h, DashboardControls c) => RunAsync(h, (a, _) => c.ResumeAsync(a)));
        controls.MapPost("/trading/close-all", (HttpContext h, DashboardControls c) => RunAsync(h, (a, _) => c.CloseAllAsync(a)));
        controls.MapPost("/recovery/decide", (HttpContext h, DashboardControls c) =>
            RunAsync(h, (a, f) => c.DecideAsync(a, f["itemId"].ToString(), f["choice"].ToString())));
        controls.MapPost("/orphans/adopt", (HttpContext h, DashboardControls c) =>
            RunAsync(h, (a, f) => int.TryParse(f["agentId"], out var agent)
                ? c.AdoptAsync(a, f["orphanId"].ToString(), agent)
                : Task.FromResult(DeskResult.Refused("Choose the agent that adopts the orphan."))));
        controls.MapPost("/orphans/close", (HttpContext h, DashboardControls c) => RunAsync(h, (a, f) => c.CloseOrphanAsync(a, f["orphanId"].ToString())));
        controls.MapPost("/mastermind/intervene", (HttpContext h, DashboardControls c) => RunAsync(h, (a, f) =>
        {
            var on = f["enabled"].ToString() is "on" or "true";
            decimal spot = 0m, appetite = 1m;
            if (on && !(Number(f["spotShare"], out spot) && Number(f["riskAppetite"], out appetite)))
                return Task.FromResult(DeskResult.Refused("Give the spot share (a percentage, 0 to 100) and the risk appetite (e.g. 1) as numbers."));
            // The page asks for the spot share in percent.
            return c.InterveneAsync(a, on, spot / 100m, appetite, f["reason"].ToString());
        }));
        controls.MapPost("/risk/reset", (HttpContext h, DashboardControls c) => RunAsync(h, (a, f) => c.ResetRiskAsync(a, f["reason"].ToString())));
        controls.MapPost("/positions/close", (HttpContext h, DashboardControls c) => RunAsync(h, (a, f) => c.ClosePositionAsync(a,
            new Api.PositionEndpoints.CloseRequest(int.TryParse(f["agentId"], out var agent) ? agent : null, f["instId"], f["posSide"], f["reason"]))));
        controls.MapPost("/orphans/dismiss", (HttpContext h, DashboardControls c) => RunAsync(h, (a, f) => c.DismissOrphanAsync(a, f["orphanId"].ToString())));
        controls.MapPost("/backtests/start", (HttpContext h, Reports.BacktestJobs j) => RunAsync(h, (a, f) => BacktestForm.StartAsync(j, a, f)));
        return app;
    }

    private static async Task<IResult> RunAsync(HttpContext context, Func<string, IFormCollection, Task<DeskResult>> control)
    {
        const string expired = "missing or expired antiforgery token: reload the page and try again";
        if (!context.Request.HasFormContentType)
            return Problems.Of(StatusCodes.Status400BadRequest, expired);
        var (form, unreadable) = await context.ReadFormWithinLimitsAsync();
        if (unreadable is not null)
            return unreadable;
        if (!await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            return Problems.Of(StatusCodes.Status400BadRequest, expired);
        if (ReturnUrl.Problem(form![ReturnUrl.FieldName]) is { } badReturn)
            return Problems.Field(ReturnUrl.FieldName, badReturn);
        foreach (var (name, value) in form.Where(f => f.Key is not (ReturnUrl.FieldName or AntiforgeryField)))
            if (RequestLimits.TextTooLong(name, value) is { } tooLong)
                return Problems.Field(name, tooLong);

        var result = await control($"admin@{context.Connection.RemoteIpAddress}", form);
        var id = context.RequestServices.GetRequiredService<ControlOutcomes>().Add(result);
        var back = ReturnUrl.LocalOrHome(form[ReturnUrl.FieldName]);
        // 303: the browser follows with a GET, whatever the method was.
        return new SeeOther(QueryHelpers.AddQueryString(WithoutOutcome(back), OutcomeQuery, id));
    }

    private static bool Number(string? text, out decimal value) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out value);

    private static string WithoutOutcome(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return url;
        var query = QueryHelpers.ParseQuery(url[q..]).Where(p => p.Key != OutcomeQuery).ToDictionary(p => p.Key, p => p.Value);
        return QueryHelpers.AddQueryString(url[..q], query);
    }

    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
