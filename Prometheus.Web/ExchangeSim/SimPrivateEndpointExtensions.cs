namespace Prometheus.Web.ExchangeSim;

public static class SimPrivateEndpointExtensions
{
    /// <summary>Marks the endpoints built by <paramref name="builder"/> as private: signed requests only.</summary>
    public static TBuilder RequireOkxSignature<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SimPrivateEndpoint.Instance);
}
