using Prometheus.Web.Reports;

namespace Prometheus.Web.Api;

/// <summary>
/// The reports folder and backtests started through the API (the Research page's data):
/// GET /api/reports lists every *.json report in <c>&lt;DataDir&gt;/reports</c> with its kind and headline;
/// GET /api/reports/{name} answers one as its file holds it (400 for a name that is not a plain .json file name in the
/// folder, 404 when there is no such file, 422 when the file is not a report);
/// POST /api/backtests starts a backtest (202; 400 naming the field; 409 while one runs);
/// GET /api/backtests/current answers its progress.
/// </summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reports", (ReportsFolder reports) => Results.Ok(reports.List().Select(ReportEntry.Of)));
        api.MapGet("/reports/{name}", (string name, ReportsFolder reports) =>
            reports.NameProblem(name) is { } problem ? Results.BadRequest(new ApiError(problem, "name"))
            : reports.Open(name) is not { } report ? Results.NotFound(new ApiError($"no report named {name} in the reports folder"))
            : report.Json is { } json ? Results.Text(json, "application/json")
            : Results.Json(new ApiError($"{name} is not a report: {report.Reason}"), statusCode: StatusCodes.Status422UnprocessableEntity));
        api.MapPost("/backtests", async (BacktestRequest body, BacktestJobs jobs, HttpContext http) =>
            await jobs.StartBacktestAsync(body, ApiResults.Actor(http), http.RequestAborted) switch
            {
                BacktestStart.Started started => Results.Accepted("/api/backtests/current", started.Job),
                BacktestStart.Invalid invalid => Results.BadRequest(new ApiError(invalid.Error, invalid.Field)),
                BacktestStart.Busy busy => Results.Json(new ApiError(busy.Error), statusCode: StatusCodes.Status409Conflict),
                _ => throw new InvalidOperationException("unknown start outcome"),
            });
        api.MapGet("/backtests/current", (BacktestJobs jobs) => Results.Ok(jobs.Current));
        return api;
    }
}
