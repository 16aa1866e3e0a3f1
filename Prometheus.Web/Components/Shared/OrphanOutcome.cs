using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Components.Shared;

/// <summary>Whether an orphan still waits for a person, and what was decided about it if not.</summary>
public static class OrphanOutcome
{
    public static bool IsOpen(OrphanView orphan) => string.Equals(orphan.Status, "Open", StringComparison.OrdinalIgnoreCase);

    /// <summary>"adopted", "closed", "dismissed": the row's outcome in words.</summary>
    public static string Describe(OrphanView orphan) => orphan.Status.ToLowerInvariant() switch
    {
        "adopted" => "adopted by an agent",
        "closed" => "closed on the exchange",
        "dismissed" => "dismissed: left on the exchange",
        var other => other,
    };
}
