namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// Endpoint metadata of OKX's private REST endpoints (/account, /trade): a request that routing sends to one of them,
/// however its path is spelled (case, slashes, percent-encoding), must carry a valid signature.
/// </summary>
public sealed class SimPrivateEndpoint
{
    public static SimPrivateEndpoint Instance { get; } = new();

    private SimPrivateEndpoint()
    {
    }
}
