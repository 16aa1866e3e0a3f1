using System.CommandLine;

namespace Prometheus.Web.Cli;

/// <summary>
/// `healthcheck`: GETs the running host's /healthz and exits 0 when it answers 200, 1 otherwise.
/// It exists for the container's HEALTHCHECK: the aspnet runtime image has no curl or wget.
/// </summary>
public static class HealthcheckVerb
{
    public const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    public static Command Create(CliContext context)
    {
        var url = new Option<string>("--url")
        {
            Description = $"Health endpoint to query. Default: {DefaultUrl} (the container's address)",
            HelpName = "URL",
            DefaultValueFactory = _ => DefaultUrl,
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the answer. Default: 5",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("healthcheck", "Query a running host's /healthz; exit 0 when healthy, 1 when not.")
        {
            url, timeout,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(url)!, parse.GetValue(timeout), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string url, int timeoutSeconds, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new CliException($"--url must be an absolute http(s) address (was '{url}')");
        if (timeoutSeconds is < 1 or > 300)
            throw new CliException($"--timeout must be between 1 and 300 seconds (was {timeoutSeconds})");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(timeoutSeconds) };
        try
        {
            using var response = await http.GetAsync(uri, ct);
            var body = (await response.Content.ReadAsStringAsync(ct)).Trim();
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                context.Out.WriteLine($"healthy: {uri} answered 200 {body}");
                return ExitCodes.Ok;
            }
            context.Error.WriteLine($"unhealthy: {uri} answered {(int)response.StatusCode} {body}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var reason = e is TaskCanceledException ? $"no answer within {timeoutSeconds} s" : e.Message;
            context.Error.WriteLine($"unhealthy: {uri}: {reason}");
            return ExitCodes.Failure;
        }
    }
}
