using Prometheus.Web.Configuration;

namespace Prometheus.Web.Security;

/// <summary>The admin token, resolved on first use from the configuration or the data dir (and generated there once).</summary>
public sealed class AdminTokenHolder(IConfiguration configuration)
{
    private readonly Lazy<AdminToken> _token = new(() => AdminToken.Resolve(configuration, DataDirectory.Resolve(configuration)));

    public AdminToken Token => _token.Value;
}
