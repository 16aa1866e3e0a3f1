namespace Prometheus.Web.Cli;

/// <summary>A failure the user can act on: printed as one "error: ..." line, no stack trace.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
