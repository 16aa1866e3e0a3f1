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
    public static Task<(int Status, JsonObject? Body)> SendAsync(string baseUrl, string method, string target, string body = "",
        IEnumerable<(string Name, string Value)>? headers = null) =>
        SendAsync(baseUrl, method, target, Encoding.UTF8.GetBytes(body), BodyFraming.ContentLength, null, headers);

    /// <summary>How the body is framed: by Content-Length (<paramref name="declaredLength"/> may claim more than is sent) or chunked.</summary>
    public enum BodyFraming { ContentLength, Chunked }

    /// <summary>
    /// Sends the request and reads the answer. A server may answer before the body is all sent and close (a body it
    /// will not read): writing stops there and the answer is read.
    /// </summary>
    public static async Task<(int Status, JsonObject? Body)> SendAsync(string baseUrl, string method, string target, byte[] content,
        BodyFraming framing, long? declaredLength = null, IEnumerable<(string Name, string Value)>? headers = null)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        await using var stream = client.GetStream();
        var request = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(uri.Authority).Append("\r\n")
            .Append("Connection: close\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append(framing == BodyFraming.Chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {declaredLength ?? content.Length}\r\n");
        foreach (var (name, value) in headers ?? [])
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        request.Append("\r\n");
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
            if (framing == BodyFraming.Chunked)
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{content.Length:x}\r\n"));
            await stream.WriteAsync(content);
            if (framing == BodyFraming.Chunked)
                await stream.WriteAsync("\r\n0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // the server answered already and stopped reading
        }
        using var response = new MemoryStream();
        try
        {
            await stream.CopyToAsync(response);
        }
        catch (IOException) when (response.Length > 0)
        {
            // reset after the answer
        }
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
