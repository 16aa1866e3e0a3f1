namespace Prometheus.Web.Cli;

/// <summary>The process exit codes every verb uses.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed that is not the user's input (an unhealthy host, a bug).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments, a bad configuration value, a missing or unreadable data file.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
