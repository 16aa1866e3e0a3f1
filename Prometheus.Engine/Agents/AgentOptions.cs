using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Agents;

/// <summary>Population and agent lifecycle rules. Section: Prometheus:Agents.</summary>
public sealed class AgentOptions : IValidatable
{
    public const string Section = "Prometheus:Agents";

    /// <summary>Agents born at a fresh start.</summary>
    public int Initial { get; set; } = 10;

    /// <summary>The population never grows past this.</summary>
    public int Max { get; set; } = 50;

    /// <summary>Capital below this share of an agent's starting capital starts its last stand.</summary>
    public decimal LastStandThreshold { get; set; } = 0.5m;

    /// <summary>How long a last stand lasts before the agent must be back above the threshold or die.</summary>
    public double LastStandHours { get; set; } = 72;

    /// <summary>Capital below this share of starting capital is bankruptcy: the agent dies at once.</summary>
    public decimal BankruptcyThreshold { get; set; } = 0.2m;

    public double AdolescentAfterDays { get; set; } = 3;
    public double MatureAfterDays { get; set; } = 14;
    public double ElderAfterDays { get; set; } = 90;

    public AgentOptions Clone() => (AgentOptions)MemberwiseClone();

    public IEnumerable<string> Validate() =>
        Check.Range($"{Section}:Initial", Initial, 1, 1000)
            .Concat(Check.Range($"{Section}:Max", Max, Math.Max(1, Initial), 10_000))
            .Concat(Check.Range($"{Section}:LastStandThreshold", LastStandThreshold, 0.01m, 1m))
            .Concat(Check.Range($"{Section}:LastStandHours", LastStandHours, 0.01, 24 * 365))
            .Concat(Check.Range($"{Section}:BankruptcyThreshold", BankruptcyThreshold, 0m, LastStandThreshold))
            .Concat(Check.Range($"{Section}:AdolescentAfterDays", AdolescentAfterDays, 0, MatureAfterDays))
            .Concat(Check.Range($"{Section}:MatureAfterDays", MatureAfterDays, AdolescentAfterDays, ElderAfterDays))
            .Concat(Check.Range($"{Section}:ElderAfterDays", ElderAfterDays, MatureAfterDays, 36_500));
}
