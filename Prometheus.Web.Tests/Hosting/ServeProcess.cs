using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// The real product in its own process (`dotnet Prometheus.Web.dll serve`), on a free loopback port, with a data dir
/// and admin token of the test's: so that it can be killed with SIGKILL or stopped with SIGTERM as a person would.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string Token = "crash-test-token-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public HttpClient Http { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static ServeProcess Start(string dataDir, double barsPerSecond = 100, IReadOnlyDictionary<string, string>? environment = null, params string[] args) =>
        StartOn(FreePort(), dataDir, barsPerSecond, environment, args);

    /// <summary>On a given port: a restart at the same address, as a browser left open expects.</summary>
    public static ServeProcess StartOn(int port, string dataDir, double barsPerSecond = 100, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Prometheus.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[dll, "serve", "--urls", $"http://127.0.0.1:{port}", $"--Prometheus:DataDir={dataDir}",
                     $"--Prometheus:AdminToken={Token}", $"--Prometheus:Paper:BarsPerSecond={barsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                     "--Serilog:MinimumLevel:Default=Warning", .. args])
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return new ServeProcess(Process.Start(start)!, port);
    }

    /// <summary>Waits until the API answers and the engine is past Starting; returns the status.</summary>
    public async Task<JsonElement> ReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"serve exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("/api/status");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var status = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (status.GetProperty("state").GetString() != "Starting") return status;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"serve was not ready in time:\n{Output}");
            await Task.Delay(100);
        }
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> PostAsync(string path)
    {
        using var response = await Http.PostAsync(path, null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every booked trade through the API, oldest first.</summary>
    public async Task<List<JsonElement>> TradesAsync()
    {
        var all = new List<JsonElement>();
        for (var skip = 0; ; skip += 1000)
        {
            var page = await GetAsync($"/api/trades?skip={skip}&take=1000");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            all.AddRange(items);
            if (items.Count < 1000) break;
        }
        all.Reverse();
        return all;
    }

    /// <summary>SIGKILL: the process dies at once, mid-whatever.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd or docker stop sends it; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
