using System.Net;
using System.Text;

namespace Prometheus.Engine.Tests.Exchange.Okx;

/// <summary>
/// An HTTP handler that answers from a script instead of a network, and records every request it got (method,
/// path with query, body, headers): the gateway's fault tests run against it.
/// </summary>
internal sealed class ScriptedHandler(Func<ScriptedHandler.Request, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    public sealed record Request(string Method, string PathAndQuery, string Path, string Body, IReadOnlyDictionary<string, string> Headers);

    private readonly List<Request> _requests = [];

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    public int Count(string method, string path) => Requests.Count(r => r.Method == method && r.Path == path);

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Ok(string dataJson) => Json($$"""{"code":"0","msg":"","data":{{dataJson}}}""");

    public static HttpResponseMessage Error(string code, string msg, HttpStatusCode status = HttpStatusCode.OK) =>
        Json($$"""{"code":"{{code}}","msg":"{{msg}}","data":[]}""", status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var uri = request.RequestUri!;
        var recorded = new Request(request.Method.Method, uri.PathAndQuery, uri.AbsolutePath, body, headers);
        lock (_requests)
            _requests.Add(recorded);
        return await answer(recorded).WaitAsync(cancellationToken);
    }
}
