namespace Prometheus.Web.Cli;

/// <summary>
/// What a verb talks to: its two streams, whether stdout is a terminal (the progress bar is drawn
/// only then), whether Ctrl+C should cancel a long run, and configuration values that take
/// precedence over appsettings and the environment (tests use these instead of process-wide variables).
/// </summary>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    public bool IsTerminal { get; init; }

    public bool HandlesInterrupt { get; init; }

    public IReadOnlyDictionary<string, string?>? ConfigOverrides { get; init; }

    /// <summary>The real console: progress only on a terminal, Ctrl+C cancels a backtest cleanly.</summary>
    public static CliContext FromConsole() => new(Console.Out, Console.Error)
    {
        IsTerminal = !Console.IsOutputRedirected,
        HandlesInterrupt = true,
    };
}
