using System.Reflection;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests;

/// <summary>
/// Ledger unit tests need the ledgers' key; nothing outside the engine can make one, so tests take the
/// Bookkeeper's own by reflection (a deliberate, visible bypass that production code cannot do by accident).
/// </summary>
internal static class LedgerKeys
{
    public static SupervisorKey Supervisor { get; } = (SupervisorKey)Activator.CreateInstance(
        typeof(Bookkeeper).GetNestedType("Key", BindingFlags.NonPublic)!, nonPublic: true)!;
}
