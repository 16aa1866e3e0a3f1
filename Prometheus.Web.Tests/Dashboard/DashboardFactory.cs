using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Tests.Dashboard;

/// <summary>The real host in memory, its own (or a given) data dir, a known token; optionally a reconciliation fake.</summary>
public sealed class DashboardFactory : WebApplicationFactory<Program>
{
    public const string Token = "dashboard-test-token-0123456789";

    /// <summary>The data dir: a new one unless given (a restart on the same dir).</summary>
    public string DataDir { get; init; } = TempFolder.Create();

    /// <summary>An <see cref="IOrphanDesk"/> and <see cref="IRecoveryDecisions"/> in place of the default.</summary>
    public object? Reconciliation { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Prometheus:DataDir", DataDir);
        builder.UseSetting("Prometheus:AdminToken", Token);
        builder.UseSetting("Prometheus:Paper:BarsPerSecond", "400");
        if (Reconciliation is { } reconciliation)
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton((IOrphanDesk)reconciliation);
                services.AddSingleton((IRecoveryDecisions)reconciliation);
            });
    }

    /// <summary>A browser-like client: keeps its cookies in <paramref name="jar"/> (shared across hosts to test a restart), never follows redirects.</summary>
    public HttpClient Browser(CookieContainer jar) => CreateDefaultClient(new CookieJar(jar));

    public async Task<EngineRuntime> StartedAsync()
    {
        using var _ = CreateClient();
        var runtime = Services.GetRequiredService<EngineRuntime>();
        await runtime.Started.WaitAsync(TimeSpan.FromSeconds(60));
        return runtime;
    }

    private sealed class CookieJar(CookieContainer jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = jar.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
                foreach (var cookie in cookies) jar.SetCookies(request.RequestUri!, cookie);
            return response;
        }
    }
}

/// <summary>What a person's browser does: read a page's antiforgery token, post a form.</summary>
public static partial class Browsing
{
    public static async Task<string> AntiforgeryAsync(this HttpClient client, string page)
    {
        using var response = await client.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {page}: {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no antiforgery token on {page}"));
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    public static async Task SignInAsync(this HttpClient client)
    {
        var token = await client.AntiforgeryAsync("/signin");
        using var response = await client.PostFormAsync("/account/signin", ("__RequestVerificationToken", token), ("token", DashboardFactory.Token), ("returnUrl", "/"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"\\s+value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
