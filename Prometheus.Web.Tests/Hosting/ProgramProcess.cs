using System.Diagnostics;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>Another verb of the product in its own process (exchange-sim), on a given port, to be killed with SIGKILL.</summary>
internal sealed class ProgramProcess
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ProgramProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed, for a failing test's message.</summary>
    public string Output => string.Join('\n', _output);

    public static ProgramProcess Start(string verb, int port, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Prometheus.Web.dll"), verb, "--urls", $"http://127.0.0.1:{port}", .. args])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var started = new ProgramProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) started._output.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) started._output.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public async Task WaitListeningAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(_process.HasExited, $"the process exited before it listened:\n{Output}");
            try
            {
                using var response = await http.GetAsync(url);
                return;
            }
            catch (HttpRequestException)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{url} did not answer in 60 s");
                await Task.Delay(100);
            }
        }
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }
}
