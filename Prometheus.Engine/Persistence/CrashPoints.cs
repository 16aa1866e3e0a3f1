using System.Diagnostics;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Crash tests' way to kill the process at an exact instant (a SIGKILL of itself, nothing flushed), set with the
/// environment variable PROMETHEUS_TEST_CRASH_AT="point:N": the N-th time this process passes that point.
/// Points: "booking" (inside a booking's transaction, after its rows are written and before it commits); "funding"
/// (likewise inside a funding share's transaction); "funded" (right after a funding share committed); "journalled" (right
/// after an order journal entry committed: an intent on disk, not yet sent).
/// Unset, as in production, it costs two comparisons.
/// </summary>
public static class CrashPoints
{
    public const string Variable = "PROMETHEUS_TEST_CRASH_AT";

    private static readonly (string Point, long At)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static long _passes;
    private static readonly AsyncLocal<Simulation?> InProcess = new();
    private static volatile bool _simulating;

    /// <summary>Off while the engine starts (its startup corrections book too), so a crash test always gets past a restart.</summary>
    public static bool Armed { get; set; } = true;

    public static void Pass(string point)
    {
        if (_simulating && InProcess.Value is { } simulation) simulation.Pass(point);
        if (Target is not { } target || target.Point != point || !Armed) return;
        if (Interlocked.Increment(ref _passes) == target.At)
            Process.GetCurrentProcess().Kill();
    }

    /// <summary>
    /// In-process crash tests: until disposed, the <paramref name="at"/>-th pass of <paramref name="point"/> on the calling
    /// async flow (only there: tests run in parallel) throws <see cref="SimulatedCrash"/> instead of killing the process.
    /// The transaction open at that point is rolled back, which leaves the database as a kill would; the test must then
    /// drop the engine it was driving, as the kill would have.
    /// </summary>
    internal static IDisposable Simulate(string point, long at = 1)
    {
        var simulation = new Simulation(point, at);
        InProcess.Value = simulation;
        _simulating = true;
        return simulation;
    }

    private static (string, long)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var colon = value.IndexOf(':');
        return colon > 0 && long.TryParse(value.AsSpan(colon + 1), out var at) && at > 0 ? (value[..colon], at) : null;
    }

    private sealed class Simulation(string point, long at) : IDisposable
    {
        private long _passes;

        public void Pass(string passed)
        {
            if (passed == point && ++_passes == at)
                throw new SimulatedCrash(point);
        }

        public void Dispose()
        {
            if (ReferenceEquals(InProcess.Value, this)) InProcess.Value = null;
        }
    }

    /// <summary>The process "died" here (an in-process crash test): nothing after this point ran.</summary>
    internal sealed class SimulatedCrash(string point) : Exception($"simulated crash at {point}");
}
