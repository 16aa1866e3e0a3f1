using System.Diagnostics;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Crash tests' way to kill the process at an exact instant (a SIGKILL of itself, nothing flushed), set with the
/// environment variable PROMETHEUS_TEST_CRASH_AT="point:N": the N-th time this process passes that point.
/// Points: "booking" (inside a booking's transaction, after its rows are written and before it commits).
/// Unset, as in production, it costs one comparison.
/// </summary>
public static class CrashPoints
{
    public const string Variable = "PROMETHEUS_TEST_CRASH_AT";

    private static readonly (string Point, long At)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static long _passes;

    /// <summary>Off while the engine starts (its startup corrections book too), so a crash test always gets past a restart.</summary>
    public static bool Armed { get; set; } = true;

    public static void Pass(string point)
    {
        if (Target is not { } target || target.Point != point || !Armed) return;
        if (Interlocked.Increment(ref _passes) == target.At)
            Process.GetCurrentProcess().Kill();
    }

    private static (string, long)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var colon = value.IndexOf(':');
        return colon > 0 && long.TryParse(value.AsSpan(colon + 1), out var at) && at > 0 ? (value[..colon], at) : null;
    }
}
