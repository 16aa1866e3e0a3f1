using Prometheus.Engine.Persistence;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>The audit log is read through the history port, newest first and paged, on either provider.</summary>
public sealed class AuditHistoryTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Audited_actions_read_back_newest_first_a_page_at_a_time(StoreProvider provider)
    {
        using var database = new TestStore(provider);
        try
        {
            using (var store = EngineStore.Open(database.Location, TimeProvider.System, new PersistenceOptions()))
            {
                for (var i = 1; i <= 5; i++)
                    await store.AuditAsync("admin", "pause", $"reason {i}");
            }
            IHistory history = new StoreHistory(database.Location);

            var page = await history.AuditAsync(skip: 1, take: 2);

            Assert.Equal(["reason 4", "reason 3"], page.Select(a => a.Detail));
            Assert.All(page, a => Assert.Equal(("admin", "pause"), (a.Actor, a.Action)));
            Assert.Equal(5, (await history.AuditAsync(0, 100)).Count);
        }
        finally
        {
            Directory.Delete(database.Location.DataDir, recursive: true);
        }
    }
}
