using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Prometheus.Web.Engine;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Tests.Browser;

/// <summary>The real product in this process on a loopback port chosen by the system, with a temp data dir and a known token.</summary>
public sealed class LiveApp : IAsyncDisposable
{
    public const string Token = "browser-test-token-0123456789";

    private readonly WebApplication _app;

    private LiveApp(WebApplication app, string dataDir)
    {
        _app = app;
        DataDir = dataDir;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string Url { get; }
    public string DataDir { get; }
    public EngineRuntime Runtime => _app.Services.GetRequiredService<EngineRuntime>();

    /// <param name="settings">Configuration laid over the test's own (another market, other instruments).</param>
    public static async Task<LiveApp> StartAsync(double barsPerSecond = 20, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDir = TempFolder.Create();
        var configuration = new Dictionary<string, string?>
        {
            ["Prometheus:DataDir"] = dataDir,
            ["Prometheus:AdminToken"] = Token,
            ["Prometheus:Paper:BarsPerSecond"] = barsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], configuration);
        await app.StartAsync();
        var live = new LiveApp(app, dataDir);
        await live.Runtime.Started.WaitAsync(TimeSpan.FromSeconds(60));
        return live;
    }

    /// <summary>A new browser context at <paramref name="width"/>×<paramref name="height"/>, signed in with the token, on <paramref name="path"/>.</summary>
    public async Task<IPage> SignedInAsync(BrowserSession browser, string path = "/", int width = 1440, int height = 900)
    {
        var context = await browser.ContextAsync(Url, width, height);
        var page = await context.NewPageAsync();
        await page.SignInAsync(Token, path);
        return page;
    }

    /// <summary>An HTTP client for the app's API with the admin token.</summary>
    public HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What a person does in the dashboard, as Playwright steps.</summary>
public static class Dashboard
{
    /// <summary>Signs in at the sign-in page with the token and waits for the live circuit.</summary>
    public static async Task SignInAsync(this IPage page, string token, string path = "/")
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync("**/signin**");
        await page.FillAsync("[data-testid=token]", token);
        await page.ClickAsync("[data-testid=signin]");
        await page.LiveAsync();
    }

    /// <summary>Prerendered HTML arrives before the circuit: wait for what only the circuit produces.</summary>
    public static Task LiveAsync(this IPage page) =>
        page.WaitForSelectorAsync("[data-circuit=live]", new PageWaitForSelectorOptions { Timeout = 30_000 });

    public static Task StateAsync(this IPage page, string state, float timeoutMs = 10_000) =>
        page.WaitForSelectorAsync($"[data-testid=state][data-state={state}]", new PageWaitForSelectorOptions { Timeout = timeoutMs });

    /// <summary>Where screenshots go: PROMETHEUS_SCREENSHOTS (the repo's docs/screenshots when refreshing them), else the test output.</summary>
    public static string ScreenshotDir
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("PROMETHEUS_SCREENSHOTS") is { Length: > 0 } configured
                ? configured : Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
