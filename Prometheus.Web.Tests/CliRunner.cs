using Prometheus.Web.Cli;

namespace Prometheus.Web.Tests;

/// <summary>Runs the CLI in-process with captured streams, as Program.cs would with the console.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, overrides: null);

    public static Task<CliResult> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? overrides) => RunAsync(args, overrides, TimeSpan.FromSeconds(60));

    /// <param name="timeout">How long the verb may take (a bench on a loaded machine needs more than a minute).</param>
    public static async Task<CliResult> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? overrides, TimeSpan timeout)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr) { ConfigOverrides = WithTempDataDir(overrides) };
        // A serve that should have failed would otherwise run until the test run is killed.
        var exit = await PrometheusCli.RunAsync(args, context).WaitAsync(timeout);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Tests never write into the user's real data folder.</summary>
    public static IReadOnlyDictionary<string, string?> WithTempDataDir(IReadOnlyDictionary<string, string?>? overrides)
    {
        var values = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>());
        values.TryAdd("Serilog:MinimumLevel:Default", "Warning");
        values.TryAdd("Prometheus:DataDir", TempFolder.Create());
        return values;
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The stderr lines, without the trailing empty one.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
