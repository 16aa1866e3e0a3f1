using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>A bare OKX client for protocol tests: signs by hand so a test can get every header wrong on purpose.</summary>
internal sealed class SimRawClient(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl) };

    public string Key { get; set; } = SimServerKit.ApiKey;

    public string Secret { get; set; } = SimServerKit.SecretKey;

    public string Passphrase { get; set; } = SimServerKit.Passphrase;

    public bool Demo { get; set; } = true;

    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public Task<(int Status, JsonObject Body)> GetAsync(string pathAndQuery, bool signed = true) => SendAsync(HttpMethod.Get, pathAndQuery, "", signed);

    public Task<(int Status, JsonObject Body)> PostAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body, true);

    public async Task<(int Status, JsonObject Body)> SendAsync(HttpMethod method, string pathAndQuery, string body, bool signed)
    {
        var (status, text) = await SendTextAsync(method, pathAndQuery, body, signed);
        return (status, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Sends the request and answers the body as received, whatever it is.</summary>
    public async Task<(int Status, string Body)> SendTextAsync(HttpMethod method, string pathAndQuery, string body, bool signed)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (method == HttpMethod.Post)
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        if (signed)
        {
            var timestamp = OkxSigner.FormatTimestamp(Now());
            request.Headers.Add("OK-ACCESS-KEY", Key);
            request.Headers.Add("OK-ACCESS-SIGN", OkxSigner.Sign(Secret, OkxSigner.RestPrehash(timestamp, method.Method, pathAndQuery, body)));
            request.Headers.Add("OK-ACCESS-TIMESTAMP", timestamp);
            request.Headers.Add("OK-ACCESS-PASSPHRASE", Passphrase);
        }
        if (Demo)
            request.Headers.Add("x-simulated-trading", "1");
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}
