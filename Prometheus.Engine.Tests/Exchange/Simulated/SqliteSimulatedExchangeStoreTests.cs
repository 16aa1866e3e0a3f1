using Microsoft.Data.Sqlite;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Exchange.Simulated.Persistence;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

public sealed class SqliteSimulatedExchangeStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<IDisposable> _open = [];

    public void Dispose()
    {
        foreach (var item in _open)
            item.Dispose();
        _dir.Dispose();
    }

    private string DbPath => _dir.File(SqliteSimulatedExchangeStore.DefaultFileName);

    /// <summary>A kit whose exchange lives in the SQLite file at <paramref name="path"/>.</summary>
    private SimulatedExchangeKit Durable(string path)
    {
        var kit = new SimulatedExchangeKit(create: (options, clock, random) => SimulatedExchange.Open(path, options, clock, random));
        _open.Add(kit.Exchange);
        return kit;
    }

    private SimulatedExchange Reopen(string path, SimulatedExchangeKit kit)
    {
        var exchange = SimulatedExchange.Open(path, kit.Options, kit.Clock, new Random(1));
        _open.Add(exchange);
        return exchange;
    }

    private static SqliteConnection Raw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    [Fact]
    public void A_new_file_starts_with_the_initial_balance_in_wal_mode_and_its_schema_version()
    {
        var kit = Durable(DbPath);

        Assert.True(kit.Exchange.IsDurable);
        Assert.Equal(100_000m, kit.Balance("USDT").Total);
        kit.Exchange.Dispose();
        using var connection = Raw(DbPath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT value FROM meta WHERE key = 'schema_version'), (SELECT total FROM balances WHERE ccy = 'USDT'), (SELECT typeof(total) FROM balances WHERE ccy = 'USDT')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("3", "100000", "text"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        reader.Close();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        Assert.False(File.Exists(DbPath + ".creating"));
    }

    [Fact]
    public void Everything_survives_a_kill_and_the_reopened_exchange_continues_the_counters()
    {
        var kit = Durable(DbPath);
        RichSession.Run(kit);
        var expected = kit.Exchange.Capture();

        // A kill: the first exchange is never disposed (no graceful close, no checkpoint); a new one opens the file.
        var reopened = Reopen(DbPath, kit);

        Assert.Equal(expected, reopened.Capture());
        Assert.Equal(kit.Exchange.GetBalancesAsync().Done(), reopened.GetBalancesAsync().Done());
        Assert.Equal(kit.Exchange.GetPositionsAsync().Done(), reopened.GetPositionsAsync().Done());
        Assert.Equal(kit.Exchange.GetPendingOrdersAsync().Done(), reopened.GetPendingOrdersAsync().Done());
        Assert.Equal(kit.Exchange.GetFillsAsync().Done(), reopened.GetFillsAsync().Done());
        Assert.False(reopened.Fills.TryRead(out _));

        kit.Exchange = reopened;
        kit.Feed(Bar(48_000m, volume: 5m));
        Assert.Equal(OkxErrorCodes.DuplicateClOrdId, kit.Market(Spot, "s1", OrderSide.Buy, 0.01m).Code);
        var ack = kit.Market(Swap, "after1", OrderSide.Buy, 1m, PositionSide.Long);
        Assert.Equal((expected.LastOrdId + 1).ToString(), ack.OrdId);
        Assert.Equal((expected.LastTradeId + 1).ToString(), Assert.Single(kit.DrainFills()).TradeId);
    }

    [Fact]
    public void What_is_on_disk_at_the_moment_of_a_kill_holds_every_acknowledged_order()
    {
        var kit = Durable(DbPath);
        RichSession.Run(kit);
        var expected = kit.Exchange.Capture();

        // Copy the files as they are while the exchange is still open (the WAL not checkpointed): what a kill -9 leaves.
        using var copy = new TempDirectory();
        var copied = copy.File(SqliteSimulatedExchangeStore.DefaultFileName);
        foreach (var suffix in (string[])["", "-wal"])
        {
            if (File.Exists(DbPath + suffix))
                File.Copy(DbPath + suffix, copied + suffix);
        }
        Assert.True(File.Exists(copied + "-wal"));

        using var reopened = SimulatedExchange.Open(copied, kit.Options, kit.Clock, new Random(1));
        Assert.Equal(expected, reopened.Capture());
    }

    [Fact]
    public void The_store_holds_the_fill_before_the_ack_returns_and_before_it_is_read_from_the_channel()
    {
        var kit = Durable(DbPath);
        kit.Feed(Bar(50_000m));

        var ack = kit.Market(Swap, "o1", OrderSide.Buy, 3m, PositionSide.Long);

        using (var second = SqliteSimulatedExchangeStore.Open(DbPath))
        {
            var stored = second.Load()!;
            Assert.Equal(ack.OrdId, stored.Orders.Single().OrdId);
            Assert.Equal(OrderState.Filled, stored.Orders.Single().State);
            Assert.True(kit.Exchange.Fills.TryRead(out var fill));
            Assert.Equal(fill, Assert.Single(stored.Fills));
            Assert.Equal(kit.Exchange.GetPositionsAsync().Done().Single().Size, stored.Positions.Single(p => p.PosSide == PositionSide.Long).Size);
        }
    }

    [Fact]
    public void A_graceful_close_keeps_the_last_bar_for_the_next_start()
    {
        var kit = Durable(DbPath);
        kit.Exchange.BarCommitInterval = TimeSpan.MaxValue;
        kit.Feed(Bar(50_000m));
        kit.Market(Spot, "b1", OrderSide.Buy, 0.1m);
        kit.Feed(Bar(51_234.5m));

        kit.Exchange.Dispose();

        using var reopened = Reopen(DbPath, kit);
        Assert.Equal(51_234.5m, reopened.LastPrice(Spot));
        Assert.Equal(kit.Exchange.Capture(), reopened.Capture());
    }

    [Fact]
    public void Decimals_round_trip_exactly_scale_included()
    {
        decimal[] values = [0.000000000001m, 1.50m, -2.000m, 79_228_162_514_264_337_593_543_950_335m, 0.1234567890123456789012345678m, 0m];
        using (var store = SqliteSimulatedExchangeStore.Open(DbPath))
        {
            var changes = new SimulatedExchangeChanges { CountersChanged = true, LastOrdId = 0, LastTradeId = 0 };
            for (var i = 0; i < values.Length; i++)
                changes.BalanceList.Add(new SimulatedBalanceState($"C{i}", values[i], values[^(i + 1)]));
            ((ISimulatedExchangeStore)store).Commit(changes);
        }

        using var reopened = SqliteSimulatedExchangeStore.Open(DbPath);
        var balances = reopened.Load()!.Balances;

        Assert.Equal(values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), balances.Select(b => b.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(values.Reverse().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), balances.Select(b => b.Frozen.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_newer_schema_version_is_refused_and_the_file_left_untouched()
    {
        Durable(DbPath).Exchange.Dispose();
        using (var connection = Raw(DbPath))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE meta SET value = '4' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(DbPath);

        var error = Assert.Throws<ExchangeStoreException>(() => SimulatedExchange.Open(DbPath, new SimulatedExchangeOptions(), TimeProvider.System, new Random(1)));

        Assert.Equal(DbPath, error.FilePath);
        Assert.Contains(DbPath, error.Message);
        Assert.Contains("schema version 4", error.Message);
        Assert.Contains("the 3 this version", error.Message);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void A_truncated_file_is_refused_and_not_overwritten()
    {
        var kit = Durable(DbPath);
        RichSession.Run(kit);
        kit.Exchange.Dispose();
        var whole = File.ReadAllBytes(DbPath);
        File.WriteAllBytes(DbPath, whole[..(whole.Length / 2)]);
        var before = File.ReadAllBytes(DbPath);

        var error = Assert.Throws<ExchangeStoreException>(() => SqliteSimulatedExchangeStore.Open(DbPath));

        Assert.Equal(DbPath, error.FilePath);
        Assert.Contains(DbPath, error.Message);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(8192)]
    public void A_file_that_is_not_a_database_is_refused_and_not_overwritten(int length)
    {
        var garbage = new byte[length];
        new Random(3).NextBytes(garbage);
        File.WriteAllBytes(DbPath, garbage);

        var error = Assert.Throws<ExchangeStoreException>(() => SimulatedExchange.Open(DbPath, new SimulatedExchangeOptions(), TimeProvider.System, new Random(1)));

        Assert.Contains(DbPath, error.Message);
        Assert.Equal(garbage, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void Another_sqlite_database_is_refused_as_not_a_store()
    {
        using (var connection = Raw(DbPath))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE ledger (id INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<ExchangeStoreException>(() => SqliteSimulatedExchangeStore.Open(DbPath));

        Assert.Contains("not a simulated exchange store", error.Message);
    }

    [Theory]
    [InlineData("UPDATE balances SET total = '12,5' WHERE ccy = 'USDT'", "cannot be read")]
    [InlineData("UPDATE orders SET side = 'Sideways' WHERE ord_id = 1", "cannot be read")]
    [InlineData("DELETE FROM orders WHERE ord_id = 1", "cannot restore")]
    public void Stored_rows_that_make_no_sense_are_refused_with_the_path(string sabotage, string problem)
    {
        var kit = Durable(DbPath);
        RichSession.Run(kit);
        kit.Exchange.Dispose();
        using (var connection = Raw(DbPath))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sabotage;
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var error = Assert.Throws<ExchangeStoreException>(() => SimulatedExchange.Open(DbPath, kit.Options, kit.Clock, new Random(1)));

        Assert.Contains(DbPath, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(DbPath, error.FilePath);
    }

    [Fact]
    public void A_leftover_from_an_interrupted_creation_is_replaced()
    {
        File.WriteAllText(DbPath + ".creating", "half made");

        var kit = Durable(DbPath);

        Assert.Equal(100_000m, kit.Balance("USDT").Total);
        Assert.False(File.Exists(DbPath + ".creating"));
    }
}
