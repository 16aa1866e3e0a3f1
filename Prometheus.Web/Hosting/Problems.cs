using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Prometheus.Web.Hosting;

/// <summary>
/// Errors as RFC 7807 problem details (<c>application/problem+json</c>): status, title, a detail a person can act on,
/// and, when one field is to blame, <c>errors: {field: [why]}</c>. Never a stack trace. Every problem also carries its
/// detail as <c>error</c>, the field the API's errors had before, which scripts read.
/// Entry points: <see cref="Of"/> and <see cref="Field"/> for the app's own answers; <see cref="AddPrometheusProblems"/>
/// words the ones the framework makes (an empty 404, 405, 413 or 415 on /api, an exception) the same way.
/// </summary>
public static class Problems
{
    /// <summary>The extension that keeps the former <c>{error}</c> answer readable.</summary>
    public const string ErrorField = "error";

    public static ProblemHttpResult Of(int status, string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = status,
        Detail = detail,
        Extensions = { [ErrorField] = detail },
    });

    /// <summary>400 naming the field at fault.</summary>
    public static ValidationProblem Field(string field, string detail) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [detail] },
        detail: detail,
        extensions: new Dictionary<string, object?> { [ErrorField] = detail });

    public static IServiceCollection AddPrometheusProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Detail ??= DefaultDetail(problem.Status);
            problem.Extensions.TryAdd(ErrorField, problem.Detail ?? problem.Title);
        });

    /// <summary>What the framework's bodiless answers mean, for whoever reads them.</summary>
    private static string? DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status404NotFound => "no such route (the routes are listed in README.md, JSON API)",
        StatusCodes.Status405MethodNotAllowed => "this route does not answer that method",
        StatusCodes.Status413PayloadTooLarge => RequestLimits.BodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => "send the body as JSON, with Content-Type: application/json",
        StatusCodes.Status500InternalServerError => "an unexpected error: the log has the details",
        _ => null,
    };
}
