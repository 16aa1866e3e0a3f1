using System.Net;
using Prometheus.Web.Tests.Api;

namespace Prometheus.Web.Tests.Observability;

/// <summary>The API's host with every request arriving from a non-loopback address, where /metrics wants the token.</summary>
public sealed class MetricsFactory : ApiFactory
{
    public static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    protected override IPAddress? RemoteAddress => Remote;
}
