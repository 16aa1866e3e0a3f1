using System.Net;
using System.Text;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// On the real server (Kestrel, a loopback port) a body that does not announce its length (chunked) is stopped at 64 KB
/// while it is read, and answered 413 as problem details: the API's JSON and the forms alike.
/// </summary>
public sealed class BodyLimitOnKestrelTests
{
    private const string Token = "kestrel-test-token-0123456789";

    /// <summary>A body of <paramref name="bytes"/> sent chunked: no Content-Length for the server to refuse up front.</summary>
    private static HttpContent Chunked(int bytes, string contentType, string prefix, string suffix)
    {
        var text = prefix + new string('p', bytes) + suffix;
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("64 KB", body);
    }

    [Fact]
    public async Task A_chunked_body_over_64_KB_is_stopped_while_read_and_answered_413()
    {
        await using var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], CliRunner.WithTempDataDir(
            new Dictionary<string, string?> { ["Prometheus:AdminToken"] = Token, ["Prometheus:Paper:BarsPerSecond"] = "50" }));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var api = new HttpRequestMessage(HttpMethod.Post, "/api/mastermind/intervention")
        {
            Content = Chunked(70 * 1024, "application/json", "{\"enabled\": false, \"reason\": \"", "\"}"),
        };
        api.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        api.Headers.TransferEncodingChunked = true;
        await AssertTooLargeAsync(await http.SendAsync(api));

        using var bodyless = new HttpRequestMessage(HttpMethod.Post, "/api/trading/pause") { Content = Chunked(70 * 1024, "application/json", "\"", "\"") };
        bodyless.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        bodyless.Headers.TransferEncodingChunked = true;
        await AssertTooLargeAsync(await http.SendAsync(bodyless));

        using var form = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = Chunked(70 * 1024, "application/x-www-form-urlencoded", "token=", "&returnUrl=%2F"),
        };
        form.Headers.TransferEncodingChunked = true;
        await AssertTooLargeAsync(await http.SendAsync(form));

        await app.StopAsync();
    }
}
