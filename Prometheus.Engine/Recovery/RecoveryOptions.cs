using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Recovery;

/// <summary>What happens at a restart. Section: Prometheus:Recovery.</summary>
public sealed class RecoveryOptions : IValidatable
{
    public const string Section = "Prometheus:Recovery";

    /// <summary>Resume trading without a person's confirmation when the recovery report finds nothing wrong. Off by default.</summary>
    public bool AutoResumeWhenClean { get; set; }

    public IEnumerable<string> Validate() => [];
}
