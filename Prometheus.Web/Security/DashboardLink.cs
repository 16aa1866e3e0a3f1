using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Prometheus.Web.Security;

/// <summary>
/// Tells the person at the console where the dashboard is, once the host listens. The link carries the token only on
/// the start that generated it; later starts say where the token is kept. Written to the console, not the log: the
/// token must not land in log files.
/// </summary>
public sealed class DashboardLink(IServer server, IHostApplicationLifetime lifetime, AdminTokenHolder holder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
        var token = holder.Token;
        Console.Out.WriteLine(token.WasGenerated
            ? $"Dashboard: {address}/?token={token.Value}  (shown once; the token is kept in {token.FilePath})"
            : $"Dashboard: {address}/  (admin token: {(token.FilePath is null ? $"{AdminToken.Key} in the configuration" : token.FilePath)})");
        Console.Out.Flush();
    }
}
