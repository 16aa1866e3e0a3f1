using System.Reflection;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Supervision;

public class LedgerWriteAccessTests
{
    [Fact]
    public void Only_the_bookkeeper_holds_a_ledger_key()
    {
        var keys = typeof(SupervisorKey).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SupervisorKey))).ToList();
        var key = Assert.Single(keys);
        Assert.Equal(typeof(Bookkeeper), key.DeclaringType);
        Assert.True(key.IsNestedPrivate);
        // Its writers are not public: only the engine's own Supervisor asks it to book.
        Assert.DoesNotContain(typeof(Bookkeeper).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly),
            m => !m.IsSpecialName && m.ReturnType != typeof(string));
    }

    [Fact]
    public void Every_ledger_mutation_demands_the_key_and_none_is_public()
    {
        foreach (var type in new[] { typeof(PublicLedger), typeof(PrivateLedger) })
        {
            var publicMutators = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.ReturnType != typeof(string) && m.GetParameters().Any(p => p.ParameterType == typeof(SupervisorKey)));
            Assert.Empty(publicMutators);
            var writers = type.GetMethods(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.IsAssembly && !m.IsSpecialName).ToList();
            Assert.NotEmpty(writers);
            Assert.All(writers, m => Assert.Equal(typeof(SupervisorKey), m.GetParameters().FirstOrDefault()?.ParameterType));
            var setters = type.GetProperties().Select(p => p.SetMethod).Where(s => s is { IsPublic: true });
            Assert.Empty(setters);
        }
    }
}
