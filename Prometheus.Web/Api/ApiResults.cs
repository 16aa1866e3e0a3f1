using Prometheus.Web.Engine;

namespace Prometheus.Web.Api;

/// <summary>Answers the API's routes share.</summary>
public static class ApiResults
{
    /// <summary>503 while the engine starts (or with why it could not).</summary>
    public static IResult Starting(EngineRuntime runtime) =>
        runtime.IsReadOnly
            // A read-only host has no engine start, reconciliation or exchange: what needs them is refused once it has read the store.
            ? runtime.ReadModel is null
                ? Results.Json(new ApiError("the read-only dashboard has not read the store yet"), statusCode: StatusCodes.Status503ServiceUnavailable)
                : ReadOnly()
            : Results.Json(
                new ApiError(runtime.Failure is { } failure ? $"the engine could not start: {failure.Message}" : "the engine is starting"),
                statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>409 on a read-only host (serve --read-only) for what only the engine's host can do.</summary>
    public static IResult ReadOnly() => Results.Json(new ApiError(Engine.Commands.EngineCommandPort.ReadOnlyRefusal),
        statusCode: StatusCodes.Status409Conflict);

    /// <summary>Who acts, for the audit log: the signed-in admin and where from.</summary>
    public static string Actor(HttpContext http) => $"admin@{http.Connection.RemoteIpAddress}";
}
