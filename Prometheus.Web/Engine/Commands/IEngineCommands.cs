namespace Prometheus.Web.Engine.Commands;

/// <summary>
/// The one way into the running engine for a person's command: the JSON API and the dashboard both send through it, so
/// a command is validated, executed on the trading loop and written to the audit log the same way wherever it comes from.
/// </summary>
public interface IEngineCommands
{
    Task<CommandResult> SendAsync(EngineCommand command, CancellationToken ct = default);
}
