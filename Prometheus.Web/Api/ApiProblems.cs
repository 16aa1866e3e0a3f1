using Prometheus.Web.Hosting;

namespace Prometheus.Web.Api;

/// <summary>
/// Every error the API answers is RFC 7807 problem details (application/problem+json), whoever makes it:
/// - a route's own refusal, an <see cref="ApiError"/> with its status (400, 404, 409, 503): turned into a problem by the
///   filter <see cref="AnswerErrorsAsProblems"/> puts on the whole /api group, routes added later included; a 400
///   naming a field lists it under <c>errors</c>;
/// - a body or parameter the framework cannot read: <see cref="BadRequestProblems"/>;
/// - an empty error status (404 no such route, 405, 413 or 415 from the framework): status code pages, worded by
///   <see cref="Problems.AddPrometheusProblems"/>;
/// - 401 (<see cref="Security.AdminTokenAuthentication"/>) and 429 (<see cref="Security.TokenGuessLimiter"/>).
/// The former <c>error</c> field is kept in every one.
/// </summary>
public static class ApiProblems
{
    public static RouteGroupBuilder AnswerErrorsAsProblems(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter(async (context, next) => AsProblem(await next(context)));
        return api;
    }

    /// <summary>Empty error answers under /api become problem details too (the framework's 404, 405, 413, 415).</summary>
    public static IApplicationBuilder UseApiStatusProblems(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());

    private static object? AsProblem(object? result) =>
        result is IValueHttpResult { Value: ApiError error } and IStatusCodeHttpResult { StatusCode: { } status }
            ? error.Field is { } field && status == StatusCodes.Status400BadRequest
                ? Problems.Field(field, error.Error)
                : Problems.Of(status, error.Error)
            : result;
}
