using Prometheus.Engine.Supervision.ReadModel;

namespace Prometheus.Web.Engine.Commands;

/// <summary>What became of a command.</summary>
public enum CommandOutcome
{
    /// <summary>Done; <see cref="CommandResult.Model"/> shows its effect.</summary>
    Accepted,
    /// <summary>The message itself is wrong (a field missing or too long); the engine was not asked and nothing is audited.</summary>
    Invalid,
    /// <summary>The engine's state or its rules refused it (the reason says which); audited.</summary>
    Refused,
    /// <summary>What it names does not exist (no such open position); audited.</summary>
    NotFound,
    /// <summary>The engine is starting, could not start, or has stopped: nothing was asked.</summary>
    Unavailable,
}

/// <summary>
/// The answer to a command: its outcome, the reason or what was done in a sentence, and the read model the engine
/// published once it was done (null when the engine was not reached).
/// </summary>
public sealed record CommandResult(CommandOutcome Outcome, string Message, EngineReadModel? Model)
{
    public bool Accepted => Outcome == CommandOutcome.Accepted;
}
