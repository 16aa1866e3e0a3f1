using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// One engine per account on a PostgreSQL store: a session advisory lock (pg_try_advisory_lock) on a key derived from
/// the account, held on a dedicated unpooled connection for the engine's life. The server releases it when that session
/// ends, a kill -9 included, so a crashed engine never leaves a stale lease. The key is a SHA-256 of the account name:
/// neither the name nor any credential is sent or stored in clear. (On SQLite the data dir's file lock does this job.)
/// Advisory locks are per database: engines on different databases do not see each other's leases.
/// </summary>
public sealed class StoreLease : IDisposable
{
    private readonly NpgsqlConnection _session;

    private StoreLease(NpgsqlConnection session, long key)
    {
        _session = session;
        Key = key;
    }

    /// <summary>The advisory lock's key.</summary>
    public long Key { get; }

    /// <summary>The lock key of <paramref name="account"/>: the first 8 bytes of SHA-256("prometheus-engine:" + account).</summary>
    public static long KeyOf(string account) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("prometheus-engine:" + account)));

    /// <summary>Takes the lease of <paramref name="account"/> on the store's database.</summary>
    /// <exception cref="EngineStoreException">Another engine holds it, or the database cannot be reached.</exception>
    public static StoreLease Acquire(StoreLocation location, string account)
    {
        if (!location.IsPostgres) throw new ArgumentException("The lease is PostgreSQL's; SQLite stores are guarded by the data dir's lock.", nameof(location));
        var key = KeyOf(account);
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location.ConnectionString)
        {
            Pooling = false, // closing must end the session, and with it the lock
            ApplicationName = "prometheus-engine-lease",
        }.ConnectionString);
        try
        {
            session.Open();
            using var command = session.CreateCommand();
            command.CommandText = "SELECT pg_try_advisory_lock(@p0)";
            command.Parameters.AddWithValue("@p0", key);
            if (command.ExecuteScalar() is not true)
                throw new EngineStoreException($"Another Prometheus engine is running on this account in {location.Describe()} (it holds the account's lease, " +
                    $"advisory lock {key}); stop it first. A dashboard on another machine reads the same store with serve --read-only.");
            return new StoreLease(session, key);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            session.Dispose();
            throw new EngineStoreException($"The database {location.Describe()} cannot be reached to take the engine's lease: {e.Message}", e);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Ends the session: the lock goes with it.</summary>
    public void Dispose() => _session.Dispose();
}
