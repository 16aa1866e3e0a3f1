namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>The simulated exchange answers synchronously; this unwraps its answers and proves they were already complete.</summary>
internal static class CompletedValueTask
{
    public static T Done<T>(this ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The simulated exchange answered asynchronously.");
}
