namespace Prometheus.Engine.Configuration;

/// <summary>
/// Options that check themselves. Each error is one line naming the full configuration key and the
/// allowed range, e.g. "Prometheus:Agents:Initial must be between 1 and 1000 (was 0)".
/// The host adapts this to IValidateOptions so a bad value stops startup.
/// </summary>
public interface IValidatable
{
    IEnumerable<string> Validate();
}
