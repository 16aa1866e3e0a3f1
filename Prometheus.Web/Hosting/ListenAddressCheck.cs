using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Prometheus.Web.Hosting;

/// <summary>
/// Can `serve` listen where it is told to? Asked before the data dir is created or the store opened: Kestrel binds only
/// once the host runs, after the engine's start has written to the data dir, so a taken port used to leave a
/// half-made data dir behind (and the next start awaiting confirmation over an empty book).
/// The addresses are the host's own: Kestrel:Endpoints when configured, else urls (--urls, ASPNETCORE_URLS, the default),
/// else http_ports/https_ports. Each is bound for a moment as Kestrel binds it (its own socket factory; "localhost" on
/// both loopbacks, a name or * on every interface) and let go. Port 0 and Unix sockets have nothing to check.
/// A port taken between this check and Kestrel's bind still fails the start, with the same line.
/// </summary>
public static class ListenAddressCheck
{
    /// <summary>The addresses the host will listen on, as configured.</summary>
    public static IReadOnlyList<string> Addresses(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>().Where(u => u.Length > 0).ToList();
        if (endpoints.Count > 0) return endpoints;
        if (Split(configuration["urls"]) is { Count: > 0 } urls) return urls;
        return [.. Split(configuration["http_ports"]).Select(p => $"http://*:{p}"), .. Split(configuration["https_ports"]).Select(p => $"https://*:{p}")];
    }

    /// <summary>Null when every address can be listened on; else one line naming the first that cannot, and why.</summary>
    /// <param name="badInput">True when the address is no address at all (the user's input), false when it is taken or refused.</param>
    public static string? FirstUnavailable(IConfiguration configuration, out bool badInput)
    {
        badInput = false;
        foreach (var url in Addresses(configuration))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                badInput = true;
                return $"cannot listen on '{url}': it is not an address (e.g. http://127.0.0.1:5000)";
            }
            if (address.IsUnixPipe || address.IsNamedPipe || address.Port == 0) continue;
            if (Refusal(address) is { } why)
                return $"cannot listen on {url}: {why}";
        }
        return null;
    }

    /// <summary>Why Kestrel would fail to bind <paramref name="address"/>, or null.</summary>
    private static string? Refusal(BindingAddress address)
    {
        var host = address.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel binds both loopbacks and fails only when one is taken (an absent IPv6 is skipped).
            var v4 = TryBind(new IPEndPoint(IPAddress.Loopback, address.Port));
            var v6 = Socket.OSSupportsIPv6 ? TryBind(new IPEndPoint(IPAddress.IPv6Loopback, address.Port)) : null;
            return Taken(v4) ?? Taken(v6) ?? (v4 is not null && (v6 is not null || !Socket.OSSupportsIPv6) ? Describe(v4) : null);
        }
        if (IPAddress.TryParse(host, out var ip))
            return Describe(TryBind(new IPEndPoint(ip, address.Port)));
        // "*", "+" or a name: every interface, IPv6 with IPv4 (dual mode), else IPv4 only, as Kestrel does.
        var any = Socket.OSSupportsIPv6 ? TryBind(new IPEndPoint(IPAddress.IPv6Any, address.Port)) : null;
        if (any is null && Socket.OSSupportsIPv6) return null;
        return Taken(any) ?? Describe(TryBind(new IPEndPoint(IPAddress.Any, address.Port)));
    }

    /// <summary>"a;b" as the host reads urls and ports (';'-separated, blanks ignored).</summary>
    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static SocketException? TryBind(IPEndPoint endpoint)
    {
        try
        {
            using var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.Listen(1);
            return null;
        }
        catch (SocketException e)
        {
            return e;
        }
    }

    private static string? Taken(SocketException? e) => e?.SocketErrorCode == SocketError.AddressAlreadyInUse ? Describe(e) : null;

    private static string? Describe(SocketException? e) => e?.SocketErrorCode switch
    {
        null => null,
        SocketError.AddressAlreadyInUse => "the address is already in use (another program listens there: stop it, or choose another address with --urls)",
        SocketError.AccessDenied => "permission denied (ports below 1024 need privileges; choose another with --urls)",
        SocketError.AddressNotAvailable => "this machine has no such address (choose another with --urls)",
        _ => e.Message,
    };
}
