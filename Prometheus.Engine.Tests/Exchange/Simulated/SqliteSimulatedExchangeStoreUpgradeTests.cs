using Microsoft.Data.Sqlite;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Exchange.Simulated.Persistence;
using Prometheus.Engine.Market;
using static Prometheus.Engine.Persistence.Sqlite;
using static Prometheus.Engine.Tests.Exchange.Simulated.SimulatedExchangeKit;

namespace Prometheus.Engine.Tests.Exchange.Simulated;

/// <summary>
/// A store written by schema version 1 (before funding) or 2 (before cross margin) opens, keeps everything, and is
/// upgraded in place to version 3; its positions and orders are isolated.
/// </summary>
public sealed class SqliteSimulatedExchangeStoreUpgradeTests : IDisposable
{
    /// <summary>Version 1's schema, as that version of the store created it.</summary>
    private static readonly string[] SchemaV1 =
    [
        "CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE counters (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), last_ord_id INTEGER NOT NULL, last_trade_id INTEGER NOT NULL)",
        "CREATE TABLE balances (ccy TEXT NOT NULL PRIMARY KEY, total TEXT NOT NULL, frozen TEXT NOT NULL)",
        """
        CREATE TABLE positions (inst_id TEXT NOT NULL, pos_side TEXT NOT NULL, leverage TEXT NOT NULL, size TEXT NOT NULL,
            avg_px TEXT NOT NULL, margin TEXT NOT NULL, reserved_for_close TEXT NOT NULL, PRIMARY KEY (inst_id, pos_side))
        """,
        """
        CREATE TABLE orders (ord_id INTEGER NOT NULL PRIMARY KEY, cl_ord_id TEXT NOT NULL, inst_id TEXT NOT NULL,
            side TEXT NOT NULL, pos_side TEXT NOT NULL, ord_type TEXT NOT NULL, size TEXT NOT NULL, px TEXT NULL,
            is_closing INTEGER NOT NULL, state TEXT NOT NULL, filled_size TEXT NOT NULL, filled_notional TEXT NOT NULL,
            fee TEXT NOT NULL, frozen_quote TEXT NOT NULL, frozen_base TEXT NOT NULL, reserved_contracts TEXT NOT NULL,
            created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL)
        """,
        "CREATE UNIQUE INDEX orders_cl_ord_id ON orders (cl_ord_id) WHERE cl_ord_id <> ''",
        """
        CREATE TABLE fills (trade_id INTEGER NOT NULL PRIMARY KEY, ord_id INTEGER NOT NULL, cl_ord_id TEXT NOT NULL,
            inst_id TEXT NOT NULL, side TEXT NOT NULL, pos_side TEXT NOT NULL, size TEXT NOT NULL, px TEXT NOT NULL,
            fee TEXT NOT NULL, fee_ccy TEXT NOT NULL, ts_ms INTEGER NOT NULL, is_liquidation INTEGER NOT NULL)
        """,
        """
        CREATE TABLE bars (inst_id TEXT NOT NULL PRIMARY KEY, ts_ms INTEGER NOT NULL, open TEXT NOT NULL,
            high TEXT NOT NULL, low TEXT NOT NULL, close TEXT NOT NULL, volume TEXT NOT NULL)
        """,
        "INSERT INTO meta (key, value) VALUES ('schema_version', '1'), ('kind', 'prometheus-simulated-exchange')",
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SqliteConnection Raw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>
    /// A version-1 file holding what a rich session left: the old schema, filled with the rows of the same session
    /// stored by the current code (the tables version 1 had are unchanged but for the counters' new column).
    /// </summary>
    private (string Path, SimulatedExchangeKit Kit, SimulatedExchangeState State) VersionOneFile()
    {
        var source = _dir.File("source.db");
        var kit = new SimulatedExchangeKit(create: (options, clock, random) => SimulatedExchange.Open(source, options, clock, random));
        RichSession.Run(kit);
        var state = kit.Exchange.Capture();
        kit.Exchange.Dispose();

        var path = _dir.File("v1.db");
        using var connection = Raw(path);
        foreach (var statement in SchemaV1)
            Execute(connection, statement);
        Execute(connection, $"ATTACH DATABASE '{source}' AS source");
        foreach (var table in (string[])["balances", "fills", "bars"])
            Execute(connection, $"INSERT INTO {table} SELECT * FROM source.{table}");
        Execute(connection, "INSERT INTO positions SELECT inst_id, pos_side, leverage, size, avg_px, margin, reserved_for_close FROM source.positions");
        Execute(connection, """
            INSERT INTO orders SELECT ord_id, cl_ord_id, inst_id, side, pos_side, ord_type, size, px, is_closing, state, filled_size,
                filled_notional, fee, frozen_quote, frozen_base, reserved_contracts, created_ms, updated_ms FROM source.orders
            """);
        Execute(connection, "INSERT INTO counters (id, last_ord_id, last_trade_id) SELECT id, last_ord_id, last_trade_id FROM source.counters");
        Execute(connection, "DETACH DATABASE source");
        return (path, kit, state);
    }

    [Fact]
    public void A_version_one_file_opens_keeps_everything_and_gains_the_funding_tables()
    {
        var (path, kit, state) = VersionOneFile();

        using (var exchange = SimulatedExchange.Open(path, kit.Options, kit.Clock, new Random(1)))
            Assert.Equal(state, exchange.Capture());

        using var connection = Raw(path);
        Assert.Equal("3", Scalar(connection, "SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM funding_bills"));
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM funding_schedule"));
        Assert.Equal(0L, Scalar(connection, "SELECT last_bill_id FROM counters"));
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
    }

    [Fact]
    public void A_version_two_file_without_margin_modes_loads_its_positions_and_orders_as_isolated()
    {
        var path = _dir.File("v2.db");
        var kit = new SimulatedExchangeKit(create: (options, clock, random) => SimulatedExchange.Open(path, options, clock, random));
        RichSession.Run(kit);
        var state = kit.Exchange.Capture();
        kit.Exchange.Dispose();
        using (var connection = Raw(path))
        {
            // What version 2 wrote: no margin mode anywhere, no cross leverage.
            Execute(connection, "ALTER TABLE positions DROP COLUMN margin_mode");
            Execute(connection, "ALTER TABLE positions DROP COLUMN cross_leverage");
            Execute(connection, "ALTER TABLE orders DROP COLUMN margin_mode");
            Execute(connection, "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
        }

        using (var exchange = SimulatedExchange.Open(path, kit.Options, kit.Clock, new Random(1)))
        {
            Assert.Equal(state, exchange.Capture());
            Assert.All(exchange.Capture().Positions, p => Assert.Equal(SimulatedMarginMode.Isolated, p.MarginMode));
            Assert.All(exchange.Capture().Orders, o => Assert.Equal(SimulatedMarginMode.Isolated, o.MarginMode));
            Assert.NotEmpty(exchange.GetPositionsAsync(Swap).Done());
        }
        using var upgraded = Raw(path);
        Assert.Equal("3", Scalar(upgraded, "SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal("ok", Scalar(upgraded, "PRAGMA integrity_check"));
    }

    [Fact]
    public void An_upgraded_file_keeps_the_funding_settled_after_the_upgrade()
    {
        var (path, kit, _) = VersionOneFile();
        var rates = FundingRates.Flat(0.0001m);
        var start = kit.Clock.GetUtcNow();
        var next = DateTimeOffset.FromUnixTimeMilliseconds(FundingRates.NextAfter(start.ToUnixTimeMilliseconds()));
        decimal longSize;
        SimulatedExchangeState settled;
        using (var exchange = SimulatedExchange.Open(path, kit.Options, kit.Clock, new Random(1), funding: rates))
        {
            longSize = exchange.GetPositionsAsync(Swap).Done().Single(p => p.PosSide == PositionSide.Long).Size;
            exchange.OnBar(Swap, Bar(48_000m, volume: 5m));                   // the first bar after the upgrade schedules funding
            kit.Clock.SetUtcNow(next);
            exchange.OnBar(Swap, Bar(48_000m, volume: 5m));                   // and the next funding time is settled
            settled = exchange.Capture();
        }

        using var reopened = SimulatedExchange.Open(path, kit.Options, kit.Clock, new Random(1), funding: rates);
        Assert.Equal(settled, reopened.Capture());
        var bills = reopened.GetFundingBillsAsync().Done();
        Assert.Equal(2, bills.Count);                                        // the session left a long and a short open
        Assert.Equal(longSize, bills.Single(b => b.PosSide == PositionSide.Long).PositionSize);
        Assert.All(bills, b => Assert.Equal(next.ToUnixTimeMilliseconds(), b.FundingTimeMs));
    }

    [Fact]
    public void A_file_of_version_one_that_is_corrupt_is_refused_before_any_upgrade()
    {
        var (path, _, _) = VersionOneFile();
        using (var connection = Raw(path))
            Execute(connection, "UPDATE meta SET value = 'x' WHERE key = 'schema_version'");
        var before = File.ReadAllBytes(path);

        Assert.Throws<ExchangeStoreException>(() => SqliteSimulatedExchangeStore.Open(path));

        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
