using Prometheus.Engine.Configuration;

namespace Prometheus.Web.Engine.ReadOnly;

/// <summary>
/// A dashboard without an engine (`serve --read-only`): it watches the configured store and never trades, locks or
/// writes. Section: Prometheus:ReadOnly.
/// </summary>
public sealed class ReadOnlyOptions : IValidatable
{
    public const string Section = "Prometheus:ReadOnly";

    /// <summary>On: no engine, no exchange, no lease or data-dir lock; the store is read every <see cref="RefreshSeconds"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the store is read again (a restore of the latest save, as a restart does).</summary>
    public double RefreshSeconds { get; set; } = 5;

    public IEnumerable<string> Validate() => Check.Range($"{Section}:RefreshSeconds", RefreshSeconds, 0.2, 3600);

    /// <summary>
    /// Whether the configuration asks for a read-only host (read before the services are built): Prometheus:ReadOnly:Enabled,
    /// or Prometheus:ReadOnly itself set to true (the short form).
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        (bool.TryParse(configuration[$"{Section}:{nameof(Enabled)}"], out var on) && on)
        || (bool.TryParse(configuration[Section], out var shortForm) && shortForm);
}
