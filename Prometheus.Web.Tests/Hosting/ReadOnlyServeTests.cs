using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Tests.Persistence;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// `serve --read-only` beside a real engine on the same store: it starts while the engine holds its lock or lease,
/// refuses every command with 409 (the engine is not touched), writes nothing to the store, and shows what a restart of
/// the engine restores (agents, their capital and PnL, the trades).
/// </summary>
public sealed class ReadOnlyServeTests
{
    private static readonly string[] ReadOnlyArgs = ["--read-only", "--Prometheus:ReadOnly:RefreshSeconds=0.3"];

    [Fact]
    public Task Read_only_dashboard_on_SQLite_shows_the_store_refuses_commands_and_writes_nothing() =>
        WatchAsync(TempFolder.Create(), environment: null, store: null);

    [PostgresFact]
    public async Task Read_only_dashboard_on_PostgreSQL_shows_the_store_refuses_commands_and_writes_nothing()
    {
        using var database = new PostgresTestDatabase();
        var dataDir = TempFolder.Create();
        await WatchAsync(dataDir, database.Environment(), database.Location(dataDir));
    }

    private static async Task WatchAsync(string dataDir, Dictionary<string, string>? environment, StoreLocation? store)
    {
        var location = store ?? new StoreLocation(dataDir);
        await using var engine = ServeProcess.Start(dataDir, barsPerSecond: 200, environment);
        await engine.ReadyAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await engine.GetAsync("/api/status")).GetProperty("trades").GetInt32() < 5)
        {
            Assert.True(DateTime.UtcNow < deadline, "no trades within 60 s");
            await Task.Delay(50);
        }
        Assert.Equal("Paused", (await engine.PostAsync("/api/trading/pause")).GetProperty("state").GetString());

        // Started while the engine runs and holds the data dir's lock (and on PostgreSQL the account's lease).
        await using var watcher = ServeProcess.Start(dataDir, barsPerSecond: 200, environment, ReadOnlyArgs);
        var status = await watcher.ReadyAsync();
        Assert.Equal("read-only", status.GetProperty("mode").GetString());
        Assert.False(engine.HasExited);

        using (var refused = await watcher.Http.PostAsync("/api/trading/resume", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("read-only dashboard: commands go to the engine's own host", await refused.Content.ReadAsStringAsync());
        }
        using (var refused = await watcher.Http.PostAsync("/api/trading/pause", null))
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using (var noStart = await watcher.Http.GetAsync("/api/recovery"))
            Assert.Equal(HttpStatusCode.Conflict, noStart.StatusCode);
        Assert.Equal("Paused", (await engine.GetAsync("/api/status")).GetProperty("state").GetString());
        Assert.False(engine.HasExited);

        // Paused, the engine books nothing more: its trades now are its trades at its last save.
        var engineTrades = Ids(await engine.TradesAsync());
        Assert.NotEmpty(engineTrades);
        // The engine stops with its last save; the watcher reads it, and from then on the store must not change.
        Assert.Equal(0, await engine.TerminateAsync(TimeSpan.FromSeconds(60)));
        await WaitForAsync(async () => (await watcher.GetAsync("/api/status")).GetProperty("trades").GetInt32() == engineTrades.Count,
            "the watcher did not show the engine's last save");
        var before = Fingerprint(location);
        await Task.Delay(TimeSpan.FromSeconds(2)); // several refreshes
        Assert.Equal(before, Fingerprint(location));

        var watchedTrades = Ids(await watcher.TradesAsync());
        Assert.Equal(engineTrades, watchedTrades);
        var watchedAgents = (await watcher.GetAsync("/api/agents")).EnumerateArray()
            .Select(a => (Id: a.GetProperty("id").GetInt32(), Name: a.GetProperty("name").GetString(),
                Capital: a.GetProperty("capital").GetDecimal(), Pnl: a.GetProperty("pnl").GetDecimal()))
            .OrderBy(a => a.Id).ToList();
        var watchedStatus = await watcher.GetAsync("/api/status");
        Assert.Equal("read-only", watchedStatus.GetProperty("mode").GetString());

        // What a restart of the engine restores from the same store: its recovery report, built before its first cycle.
        await using var restarted = ServeProcess.Start(dataDir, barsPerSecond: 0.01, environment);
        await restarted.ReadyAsync();
        var recovery = await restarted.GetAsync("/api/recovery");
        var restoredAlive = recovery.GetProperty("agents").EnumerateArray().Where(a => a.GetProperty("alive").GetBoolean())
            .Select(a => (Id: a.GetProperty("id").GetInt32(), Name: a.GetProperty("name").GetString(),
                Capital: a.GetProperty("capital").GetDecimal(), Pnl: a.GetProperty("pnl").GetDecimal()))
            .OrderBy(a => a.Id).ToList();
        Assert.NotEmpty(watchedAgents);
        Assert.Equal(restoredAlive, watchedAgents);
        Assert.Equal(recovery.GetProperty("counts").GetProperty("agentsAlive").GetInt32(), watchedStatus.GetProperty("agentsAlive").GetInt32());
        Assert.Equal(recovery.GetProperty("counts").GetProperty("agentsDead").GetInt32(), watchedStatus.GetProperty("agentsDead").GetInt32());
        Assert.Equal(recovery.GetProperty("counts").GetProperty("publicLedgerRecords").GetInt32(), watchedTrades.Count);
    }

    private static List<long> Ids(List<JsonElement> trades) => [.. trades.Select(t => t.GetProperty("tradeId").GetInt64())];

    private static async Task WaitForAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }

    /// <summary>Row counts of every table, and on SQLite the database file's hash and time, and the snapshot files.</summary>
    private static string Fingerprint(StoreLocation location)
    {
        var parts = new List<string>();
        using (var connection = location.Connect(readOnly: true))
        {
            foreach (var table in (string[])["Trades", "Funding", "Events", "Agents", "Ledgers", "Orders", "Checkpoints", "Snapshots",
                         "RecoveryLog", "AuditLog", "EquityPoints"])
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"SELECT count(*) FROM {table}";
                parts.Add($"{table}={count.ExecuteScalar()}");
            }
        }
        if (!location.IsPostgres)
        {
            // The -shm file is the readers' shared index, not data: readers may touch it by design.
            foreach (var file in Directory.GetFiles(location.DataDir, EngineStore.FileName + "*").Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)).Order())
                parts.Add($"{Path.GetFileName(file)}:{File.GetLastWriteTimeUtc(file):O}:{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))}");
        }
        var snapshots = Path.Combine(location.DataDir, "snapshots");
        if (Directory.Exists(snapshots))
            foreach (var file in Directory.GetFiles(snapshots).Order())
                parts.Add($"{Path.GetFileName(file)}:{File.GetLastWriteTimeUtc(file):O}");
        return string.Join("\n", parts);
    }
}
