using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// HTTP/1.1 over a bare socket: the request target goes out byte for byte as given (no client normalises its case,
/// slashes or percent-encoding), as an attacker would send it.
/// </summary>
internal static class SimRawHttp
{
    public static async Task<(int Status, JsonObject? Body)> SendAsync(string baseUrl, string method, string target, string body = "",
        IEnumerable<(string Name, string Value)>? headers = null)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        await using var stream = client.GetStream();
        var content = Encoding.UTF8.GetBytes(body);
        var request = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(uri.Authority).Append("\r\n")
            .Append("Connection: close\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(content.Length).Append("\r\n");
        foreach (var (name, value) in headers ?? [])
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        request.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
        await stream.WriteAsync(content);
        using var response = new MemoryStream();
        await stream.CopyToAsync(response);
        return Parse(Encoding.UTF8.GetString(response.ToArray()));
    }

    private static (int Status, JsonObject? Body) Parse(string response)
    {
        var headerEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = response[..headerEnd];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var payload = response[(headerEnd + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            payload = Unchunk(payload);
        return (status, payload.TrimStart().StartsWith('{') ? JsonNode.Parse(payload)!.AsObject() : null);
    }

    private static string Unchunk(string payload)
    {
        var result = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = payload.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(payload[at..lineEnd].Split(';')[0], 16);
            if (size == 0)
                return result.ToString();
            result.Append(payload, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
