using Prometheus.Engine.Supervision.ReadModel;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.Commands;

namespace Prometheus.Web.Api;

/// <summary>
/// A command's result as an API answer: accepted 200 with the route's view of the model published after it, invalid 400,
/// refused 409, not found 404, and 503 while the engine starts or once it has stopped.
/// </summary>
public static class CommandAnswers
{
    public static IResult Answer(EngineRuntime runtime, CommandResult result, Func<EngineReadModel, object> accepted, string? field = null) =>
        result.Outcome switch
        {
            CommandOutcome.Accepted => Results.Ok(accepted(result.Model!)),
            CommandOutcome.Invalid => Results.BadRequest(new ApiError(result.Message, field)),
            CommandOutcome.NotFound => Results.NotFound(new ApiError(result.Message)),
            CommandOutcome.Unavailable when runtime.Loop is null => ApiResults.Starting(runtime),
            CommandOutcome.Unavailable => Results.Json(new ApiError(result.Message), statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => Results.Json(new ApiError(result.Message), statusCode: StatusCodes.Status409Conflict),
        };

    /// <summary>The state the engine is in after a control.</summary>
    public static ControlResult State(EngineReadModel model) => new(model.Status.State.ToString(), model.Status.StateReason);
}
