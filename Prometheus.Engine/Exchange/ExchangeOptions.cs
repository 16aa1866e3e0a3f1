using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Engine.Exchange;

/// <summary>
/// Section Prometheus:Exchange: which exchange the engine trades on. Its subsections Simulated and Okx are bound and
/// validated as options of their own (<see cref="SimulatedExchangeOptions"/>, <see cref="OkxOptions"/>); they are
/// properties here so that the section's known keys are exactly Mode, Simulated and Okx.
/// </summary>
public sealed class ExchangeOptions : IValidatable
{
    public const string Section = "Prometheus:Exchange";

    public ExchangeMode Mode { get; set; } = ExchangeMode.Simulated;

    public SimulatedExchangeOptions Simulated { get; set; } = new();

    public OkxOptions Okx { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Mode))
            yield return $"{Section}:Mode must be Simulated or Okx (was {Mode})";
        if (Mode == ExchangeMode.Okx && !Okx.HasCredentials)
            yield return $"{Section}:Mode is Okx but {OkxOptions.Section}:ApiKey, SecretKey and Passphrase are not all set " +
                         "(configuration, environment variables such as Prometheus__Exchange__Okx__ApiKey, or user-secrets)";
    }
}
