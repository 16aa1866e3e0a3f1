using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Engine.Tests.Exchange.Okx;

/// <summary>Options and credentials for gateway tests: short delays so retries and breakers run in milliseconds.</summary>
internal static class OkxTestKit
{
    public const string ApiKey = "0123456789abcdefKEYVISIBLE4a1f";
    public const string SecretKey = "SECRET-5f4dcc3b5aa765d61d8327deb882cf99";
    public const string Passphrase = "Passphrase-Hunter2!";

    public static OkxOptions Options(Action<OkxOptions>? configure = null)
    {
        var options = new OkxOptions
        {
            ApiKey = ApiKey,
            SecretKey = SecretKey,
            Passphrase = Passphrase,
            BaseUrl = "http://okx.test",
            RequestTimeoutSeconds = 5,
            MaxRetries = 3,
            RetryBaseDelaySeconds = 0.005,
            RetryMaxDelaySeconds = 0.02,
            CircuitBreakerFailures = 10,
            CircuitBreakerOpenSeconds = 60,
        };
        configure?.Invoke(options);
        return options;
    }

    public static string Recorded(string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Exchange", "Okx", "Recorded", file));
}
