using Prometheus.Engine.Persistence;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>One engine per account on a PostgreSQL store: the second is refused until the first lets go (or dies).</summary>
public class StoreLeaseTests
{
    [PostgresFact]
    public void A_second_engine_on_the_same_account_is_refused_until_the_first_one_ends()
    {
        using var database = new TestStore(StoreProvider.Postgres);
        var first = StoreLease.Acquire(database.Location, "okx:api-key-1");

        var refused = Assert.Throws<EngineStoreException>(() => StoreLease.Acquire(database.Location, "okx:api-key-1"));
        Assert.Contains("Another Prometheus engine is running on this account", refused.Message);
        Assert.DoesNotContain("api-key-1", refused.Message); // the account is named by its hash only

        using (StoreLease.Acquire(database.Location, "okx:api-key-2")) { } // another account is another lease

        first.Dispose(); // the session ends, and the lock with it (as when the process is killed)
        using var second = StoreLease.Acquire(database.Location, "okx:api-key-1");
        Assert.Equal(StoreLease.KeyOf("okx:api-key-1"), second.Key);
    }

    [PostgresFact]
    public void The_lease_is_held_on_the_server_where_any_session_sees_it()
    {
        using var database = new TestStore(StoreProvider.Postgres);
        using var lease = StoreLease.Acquire(database.Location, "simulated");
        using var connection = database.Location.Connect(readOnly: true);
        var held = StoreSql.Scalar(connection, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted");
        Assert.Equal(1L, held);
    }

    [Fact]
    public void The_key_is_a_hash_of_the_account_and_differs_between_accounts()
    {
        Assert.Equal(StoreLease.KeyOf("okx:a"), StoreLease.KeyOf("okx:a"));
        Assert.NotEqual(StoreLease.KeyOf("okx:a"), StoreLease.KeyOf("okx:b"));
        Assert.Throws<ArgumentException>(() => StoreLease.Acquire(new StoreLocation(Path.GetTempPath()), "simulated"));
    }
}
