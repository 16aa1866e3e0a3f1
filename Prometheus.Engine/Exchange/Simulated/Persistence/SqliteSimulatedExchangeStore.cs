using System.Globalization;
using Microsoft.Data.Sqlite;
using Prometheus.Engine.Market;
using static Prometheus.Engine.Persistence.Sqlite;

namespace Prometheus.Engine.Exchange.Simulated.Persistence;

/// <summary>
/// The simulated exchange's state in its own SQLite file (WAL journal, <c>synchronous=FULL</c>: a commit is on
/// disk when <see cref="Commit"/> returns). One row per natural id, upserted: a commit writes the rows that
/// changed, not the whole state. Money is TEXT in invariant culture (an exact decimal round trip, never REAL);
/// enums are TEXT names; ids and Unix-millisecond times are INTEGER.
/// <code>
/// meta      (key PK, value)                         schema_version, kind
/// counters  (id = 1 PK, last_ord_id, last_trade_id, last_bill_id)
/// balances  (ccy PK, total, frozen)                 rowid order = wallet order
/// positions ((inst_id, pos_side) PK, leverage, size, avg_px, margin, reserved_for_close, margin_mode, cross_leverage NULL)
/// orders    (ord_id PK, cl_ord_id, inst_id, side, pos_side, ord_type, size, px NULL, is_closing, state,
///            filled_size, filled_notional, fee, frozen_quote, frozen_base, reserved_contracts, created_ms, updated_ms, margin_mode)
///            + unique index on cl_ord_id where not empty
/// fills     (trade_id PK, ord_id, cl_ord_id, inst_id, side, pos_side, size, px, fee, fee_ccy, ts_ms, is_liquidation)
/// bars      (inst_id PK, ts_ms, open, high, low, close, volume)
/// funding_bills    (bill_id PK, inst_id, pos_side, funding_time_ms, size, mark_px, rate, bal_chg, ccy, bal NULL)
/// funding_schedule (inst_id PK, next_funding_ms)
/// </code>
/// Opening checks before it writes anything: an existing file must be a store of a schema version this code
/// knows (not newer) that passes <c>PRAGMA quick_check</c>; otherwise <see cref="ExchangeStoreException"/> and the
/// file is left as it is. A file of an older version is then upgraded in place, in one transaction (version 1 had
/// no funding: it gains the funding tables and the bill counter, empty; version 2 had no cross margin: its positions and
/// orders gain margin_mode 'Isolated', and cross_leverage NULL, which loads as the default leverage). A new file is built under a temporary name
/// and renamed into place, so a file at the path is always a complete store. Not thread-safe (the exchange's one thread uses it). One process at a time.
/// </summary>
public sealed class SqliteSimulatedExchangeStore : ISimulatedExchangeStore
{
    /// <summary>The conventional file name in the data directory.</summary>
    public const string DefaultFileName = "exchange-sim.db";

    /// <summary>The schema version this code writes (and the newest it reads).</summary>
    public const int SchemaVersion = 3;

    private const string Kind = "prometheus-simulated-exchange";

    /// <summary>What version 2 added: the funding bills and each swap's next funding time.</summary>
    private static readonly string[] FundingTables =
    [
        """
        CREATE TABLE funding_bills (bill_id INTEGER NOT NULL PRIMARY KEY, inst_id TEXT NOT NULL, pos_side TEXT NOT NULL,
            funding_time_ms INTEGER NOT NULL, size TEXT NOT NULL, mark_px TEXT NOT NULL, rate TEXT NOT NULL, bal_chg TEXT NOT NULL,
            ccy TEXT NOT NULL, bal TEXT NULL)
        """,
        "CREATE TABLE funding_schedule (inst_id TEXT NOT NULL PRIMARY KEY, next_funding_ms INTEGER NOT NULL)",
    ];

    /// <summary>Version 1 to 2, after the read-only checks, in one transaction with the new version number.</summary>
    private static readonly string[] UpgradeFrom1 =
    [
        "ALTER TABLE counters ADD COLUMN last_bill_id INTEGER NOT NULL DEFAULT 0",
        .. FundingTables,
    ];

    /// <summary>Version 2 to 3: the margin mode of positions and orders (cross margin), and the cross leverage setting.</summary>
    private static readonly string[] UpgradeFrom2 =
    [
        "ALTER TABLE positions ADD COLUMN margin_mode TEXT NOT NULL DEFAULT 'Isolated'",
        "ALTER TABLE positions ADD COLUMN cross_leverage TEXT NULL",
        "ALTER TABLE orders ADD COLUMN margin_mode TEXT NOT NULL DEFAULT 'Isolated'",
    ];

    private static readonly string[] Schema =
    [
        "CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE counters (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), last_ord_id INTEGER NOT NULL, last_trade_id INTEGER NOT NULL,
            last_bill_id INTEGER NOT NULL DEFAULT 0)
        """,
        "CREATE TABLE balances (ccy TEXT NOT NULL PRIMARY KEY, total TEXT NOT NULL, frozen TEXT NOT NULL)",
        """
        CREATE TABLE positions (inst_id TEXT NOT NULL, pos_side TEXT NOT NULL, leverage TEXT NOT NULL, size TEXT NOT NULL,
            avg_px TEXT NOT NULL, margin TEXT NOT NULL, reserved_for_close TEXT NOT NULL,
            margin_mode TEXT NOT NULL DEFAULT 'Isolated', cross_leverage TEXT NULL, PRIMARY KEY (inst_id, pos_side))
        """,
        """
        CREATE TABLE orders (ord_id INTEGER NOT NULL PRIMARY KEY, cl_ord_id TEXT NOT NULL, inst_id TEXT NOT NULL,
            side TEXT NOT NULL, pos_side TEXT NOT NULL, ord_type TEXT NOT NULL, size TEXT NOT NULL, px TEXT NULL,
            is_closing INTEGER NOT NULL, state TEXT NOT NULL, filled_size TEXT NOT NULL, filled_notional TEXT NOT NULL,
            fee TEXT NOT NULL, frozen_quote TEXT NOT NULL, frozen_base TEXT NOT NULL, reserved_contracts TEXT NOT NULL,
            created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, margin_mode TEXT NOT NULL DEFAULT 'Isolated')
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
        .. FundingTables,
    ];

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsertOrder;
    private readonly SqliteCommand _insertFill;
    private readonly SqliteCommand _upsertBalance;
    private readonly SqliteCommand _upsertPosition;
    private readonly SqliteCommand _upsertBar;
    private readonly SqliteCommand _upsertCounters;
    private readonly SqliteCommand _insertBill;
    private readonly SqliteCommand _upsertSchedule;
    private readonly SqliteCommand[] _commands;
    private bool _disposed;

    private SqliteSimulatedExchangeStore(string filePath, SqliteConnection connection)
    {
        FilePath = filePath;
        _connection = connection;
        _upsertOrder = Prepare(_connection, """
            INSERT INTO orders (ord_id, cl_ord_id, inst_id, side, pos_side, ord_type, size, px, is_closing, state,
                filled_size, filled_notional, fee, frozen_quote, frozen_base, reserved_contracts, created_ms, updated_ms, margin_mode)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18)
            ON CONFLICT (ord_id) DO UPDATE SET size = excluded.size, px = excluded.px, state = excluded.state, filled_size = excluded.filled_size,
                filled_notional = excluded.filled_notional, fee = excluded.fee, frozen_quote = excluded.frozen_quote,
                frozen_base = excluded.frozen_base, reserved_contracts = excluded.reserved_contracts,
                updated_ms = excluded.updated_ms
            """, 19);
        _insertFill = Prepare(_connection, """
            INSERT INTO fills (trade_id, ord_id, cl_ord_id, inst_id, side, pos_side, size, px, fee, fee_ccy, ts_ms, is_liquidation)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11)
            """, 12);
        _upsertBalance = Prepare(_connection, """
            INSERT INTO balances (ccy, total, frozen) VALUES ($p0, $p1, $p2)
            ON CONFLICT (ccy) DO UPDATE SET total = excluded.total, frozen = excluded.frozen
            """, 3);
        _upsertPosition = Prepare(_connection, """
            INSERT INTO positions (inst_id, pos_side, leverage, size, avg_px, margin, reserved_for_close, margin_mode, cross_leverage)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8)
            ON CONFLICT (inst_id, pos_side) DO UPDATE SET leverage = excluded.leverage, size = excluded.size,
                avg_px = excluded.avg_px, margin = excluded.margin, reserved_for_close = excluded.reserved_for_close,
                margin_mode = excluded.margin_mode, cross_leverage = excluded.cross_leverage
            """, 9);
        _upsertBar = Prepare(_connection, """
            INSERT INTO bars (inst_id, ts_ms, open, high, low, close, volume) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)
            ON CONFLICT (inst_id) DO UPDATE SET ts_ms = excluded.ts_ms, open = excluded.open, high = excluded.high,
                low = excluded.low, close = excluded.close, volume = excluded.volume
            """, 7);
        _upsertCounters = Prepare(_connection, """
            INSERT INTO counters (id, last_ord_id, last_trade_id, last_bill_id) VALUES (1, $p0, $p1, $p2)
            ON CONFLICT (id) DO UPDATE SET last_ord_id = excluded.last_ord_id, last_trade_id = excluded.last_trade_id,
                last_bill_id = excluded.last_bill_id
            """, 3);
        _insertBill = Prepare(_connection, """
            INSERT INTO funding_bills (bill_id, inst_id, pos_side, funding_time_ms, size, mark_px, rate, bal_chg, ccy, bal)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9)
            """, 10);
        _upsertSchedule = Prepare(_connection, """
            INSERT INTO funding_schedule (inst_id, next_funding_ms) VALUES ($p0, $p1)
            ON CONFLICT (inst_id) DO UPDATE SET next_funding_ms = excluded.next_funding_ms
            """, 2);
        _commands = [_upsertOrder, _insertFill, _upsertBalance, _upsertPosition, _upsertBar, _upsertCounters, _insertBill, _upsertSchedule];
    }

    /// <summary>The store's file, full path.</summary>
    public string FilePath { get; }

    string ISimulatedExchangeStore.Location => FilePath;

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating it (and its folder) when no file is there.
    /// </summary>
    /// <exception cref="ExchangeStoreException">The file is empty, corrupt, not a store, or of a newer schema version;
    /// nothing was written to it.</exception>
    public static SqliteSimulatedExchangeStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var version = SchemaVersion;
        if (File.Exists(full))
            version = Check(full);
        else
            Create(full);

        SqliteConnection? connection = null;
        try
        {
            connection = Connect(full, SqliteOpenMode.ReadWrite);
            var mode = Scalar(connection, "PRAGMA journal_mode=WAL") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw Error(full, $"cannot be put in WAL journal mode (it is in '{mode}')");
            Execute(connection, "PRAGMA synchronous=FULL");
            if (version < SchemaVersion)
                Upgrade(connection, version);
            return new SqliteSimulatedExchangeStore(full, connection);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw Error(full, $"cannot be opened: {e.Message}", e);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    public SimulatedExchangeState? Load()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            var counters = Read(_connection, "SELECT last_ord_id, last_trade_id, last_bill_id FROM counters WHERE id = 1",
                r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)));
            if (counters.Count == 0)
                return null;
            var (lastOrdId, lastTradeId, lastBillId) = counters[0];
            var balances = Read(_connection,
                "SELECT ccy, total, frozen FROM balances ORDER BY rowid",
                r => new SimulatedBalanceState(r.GetString(0), Money(r, 1), Money(r, 2)));
            var positions = Read(_connection,
                "SELECT inst_id, pos_side, leverage, size, avg_px, margin, reserved_for_close, margin_mode, cross_leverage FROM positions ORDER BY rowid",
                r => new SimulatedPositionState(
                    r.GetString(0), Name<PositionSide>(r, 1), Money(r, 2), Money(r, 3), Money(r, 4), Money(r, 5), Money(r, 6),
                    Name<SimulatedMarginMode>(r, 7), r.IsDBNull(8) ? null : Money(r, 8)));
            var orders = Read(_connection,
                """
                SELECT ord_id, cl_ord_id, inst_id, side, pos_side, ord_type, size, px, is_closing, state, filled_size,
                    filled_notional, fee, frozen_quote, frozen_base, reserved_contracts, created_ms, updated_ms, margin_mode
                FROM orders ORDER BY ord_id
                """,
                r => new SimulatedOrderState(
                    Id(r, 0), r.GetString(1), r.GetString(2), Name<OrderSide>(r, 3), Name<PositionSide>(r, 4),
                    Name<OrderType>(r, 5), Money(r, 6), r.IsDBNull(7) ? null : Money(r, 7), r.GetInt64(8) != 0,
                    Name<OrderState>(r, 9), Money(r, 10), Money(r, 11), Money(r, 12), Money(r, 13), Money(r, 14),
                    Money(r, 15), r.GetInt64(16), r.GetInt64(17), Name<SimulatedMarginMode>(r, 18)));
            var fills = Read(_connection,
                """
                SELECT trade_id, ord_id, cl_ord_id, inst_id, side, pos_side, size, px, fee, fee_ccy, ts_ms, is_liquidation
                FROM fills ORDER BY trade_id
                """,
                r => new ExchangeFill(
                    Id(r, 0), Id(r, 1), r.GetString(2), r.GetString(3), Name<OrderSide>(r, 4), Name<PositionSide>(r, 5),
                    Money(r, 6), Money(r, 7), Money(r, 8), r.GetString(9), r.GetInt64(10), r.GetInt64(11) != 0));
            var bars = Read(_connection,
                "SELECT inst_id, ts_ms, open, high, low, close, volume FROM bars ORDER BY rowid",
                r => new SimulatedBarState(
                    r.GetString(0), new Candle(r.GetInt64(1), Money(r, 2), Money(r, 3), Money(r, 4), Money(r, 5), Money(r, 6))));

            var bills = Read(_connection,
                """
                SELECT bill_id, inst_id, pos_side, funding_time_ms, size, mark_px, rate, bal_chg, ccy, bal
                FROM funding_bills ORDER BY funding_time_ms, bill_id
                """,
                r => new FundingBill(
                    Id(r, 0), r.GetString(1), Name<PositionSide>(r, 2), r.GetInt64(3), Money(r, 4), Money(r, 5), Money(r, 6),
                    Money(r, 7), r.GetString(8), r.IsDBNull(9) ? null : Money(r, 9)));
            var schedule = Read(_connection,
                "SELECT inst_id, next_funding_ms FROM funding_schedule ORDER BY rowid",
                r => new SimulatedFundingState(r.GetString(0), r.GetInt64(1)));

            return new SimulatedExchangeState(lastOrdId, lastTradeId, balances, positions, orders, fills, bars, lastBillId, bills, schedule);
        }
        catch (Exception e) when (e is SqliteException or FormatException or OverflowException or InvalidCastException)
        {
            throw Error(FilePath, $"cannot be read: {e.Message}", e);
        }
    }

    public void Commit(SimulatedExchangeChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var command in _commands)
                command.Transaction = transaction;

            foreach (var o in changes.Orders)
            {
                Run(_upsertOrder, Id(o.OrdId), o.ClOrdId, o.InstId, o.Side.ToString(), o.PosSide.ToString(), o.Type.ToString(),
                    Text(o.Size), o.Price is { } px ? Text(px) : DBNull.Value, o.IsClosing ? 1L : 0L, o.State.ToString(),
                    Text(o.FilledSize), Text(o.FilledNotional), Text(o.Fee), Text(o.FrozenQuote), Text(o.FrozenBase),
                    Text(o.ReservedContracts), o.CreatedMs, o.UpdatedMs, o.MarginMode.ToString());
            }
            foreach (var f in changes.Fills)
            {
                Run(_insertFill, Id(f.TradeId), Id(f.OrdId), f.ClOrdId, f.InstId, f.Side.ToString(), f.PosSide.ToString(),
                    Text(f.Size), Text(f.Price), Text(f.Fee), f.FeeCcy, f.TimestampMs, f.IsLiquidation ? 1L : 0L);
            }
            foreach (var b in changes.Balances)
                Run(_upsertBalance, b.Ccy, Text(b.Total), Text(b.Frozen));
            foreach (var p in changes.Positions)
            {
                Run(_upsertPosition, p.InstId, p.PosSide.ToString(), Text(p.Leverage), Text(p.Size), Text(p.AveragePrice),
                    Text(p.Margin), Text(p.ReservedForClose), p.MarginMode.ToString(), p.CrossLeverage is { } cross ? Text(cross) : DBNull.Value);
            }
            foreach (var bar in changes.Bars)
            {
                var c = bar.Bar;
                Run(_upsertBar, bar.InstId, c.TimestampMs, Text(c.Open), Text(c.High), Text(c.Low), Text(c.Close), Text(c.Volume));
            }
            foreach (var b in changes.FundingBills)
            {
                Run(_insertBill, Id(b.BillId), b.InstId, b.PosSide.ToString(), b.FundingTimeMs, Text(b.PositionSize), Text(b.MarkPrice),
                    Text(b.Rate), Text(b.BalanceChange), b.Ccy, b.BalanceAfter is { } bal ? Text(bal) : DBNull.Value);
            }
            foreach (var f in changes.Funding)
                Run(_upsertSchedule, f.InstId, f.NextFundingMs);
            if (changes.CountersChanged)
                Run(_upsertCounters, changes.LastOrdId, changes.LastTradeId, changes.LastBillId);

            transaction.Commit();
        }
        catch (Exception e) when (e is SqliteException or FormatException)
        {
            throw new ExchangeStoreException($"The simulated exchange store {FilePath} could not commit: {e.Message}", e) { FilePath = FilePath };
        }
    }

    /// <summary>Closes the file (a graceful close also folds the WAL back into it).</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var command in _commands)
            command.Dispose();
        _connection.Dispose();
    }

    private static void Create(string path)
    {
        var temp = path + ".creating";   // a crash while creating leaves only this, never a half-made store at path
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            foreach (var leftover in (string[])[temp, temp + "-wal", temp + "-shm", temp + "-journal"])
                File.Delete(leftover);
            using (var connection = Connect(temp, SqliteOpenMode.ReadWriteCreate))
            {
                Execute(connection, "PRAGMA journal_mode=WAL");
                Execute(connection, "PRAGMA synchronous=FULL");
                using var transaction = connection.BeginTransaction();
                foreach (var statement in Schema)
                    Execute(connection, statement, transaction);
                Execute(connection, FormattableString.Invariant(
                    $"INSERT INTO meta (key, value) VALUES ('schema_version', '{SchemaVersion}'), ('kind', '{Kind}')"), transaction);
                transaction.Commit();
            }
            File.Move(temp, path, overwrite: false);
        }
        catch (SqliteException e)
        {
            throw new ExchangeStoreException($"The simulated exchange store {path} cannot be created: {e.Message}", e) { FilePath = path };
        }
    }

    /// <summary>Read-only checks of an existing file: nothing is written to it, whatever they find.</summary>
    /// <returns>Its schema version (at most <see cref="SchemaVersion"/>).</returns>
    private static int Check(string path)
    {
        if (new FileInfo(path).Length == 0)
            throw Error(path, "is empty (0 bytes): a truncated file, not a store");
        try
        {
            using var connection = Connect(path, SqliteOpenMode.ReadOnly);
            var tables = (long)Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'")!;
            if (tables == 0 || Scalar(connection, "SELECT value FROM meta WHERE key = 'kind'") is not Kind)
                throw Error(path, "is a SQLite database but not a simulated exchange store");
            var text = Scalar(connection, "SELECT value FROM meta WHERE key = 'schema_version'") as string;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
                throw Error(path, $"has no valid schema version ('{text}')");
            if (version > SchemaVersion)
            {
                throw Error(path,
                    $"has schema version {version}, newer than the {SchemaVersion} this version of Prometheus knows",
                    advice: "run the version of Prometheus that wrote it");
            }
            var check = Scalar(connection, "PRAGMA quick_check") as string;
            if (check != "ok")
                throw Error(path, $"is corrupt (quick_check: {check})");
            return version;
        }
        catch (SqliteException e)
        {
            throw Error(path, $"is corrupt or not a SQLite database: {e.Message}", e);
        }
    }

    /// <summary>Brings a checked file of an older version up to <see cref="SchemaVersion"/>: all of it or, on failure, nothing.</summary>
    private static void Upgrade(SqliteConnection connection, int version)
    {
        using var transaction = connection.BeginTransaction();
        if (version < 2)
        {
            foreach (var statement in UpgradeFrom1)
                Execute(connection, statement, transaction);
        }
        if (version < 3)
        {
            foreach (var statement in UpgradeFrom2)
                Execute(connection, statement, transaction);
        }
        Execute(connection, FormattableString.Invariant($"UPDATE meta SET value = '{SchemaVersion}' WHERE key = 'schema_version'"), transaction);
        transaction.Commit();
    }

    private static ExchangeStoreException Error(string path, string problem, Exception? inner = null, string? advice = null)
    {
        var message = $"The simulated exchange store {path} {problem.TrimEnd('.')}. The file was left as it is: " +
            $"{advice ?? "restore it from a copy"}, or move it away to start a fresh simulated account.";
        return inner is null
            ? new ExchangeStoreException(message) { FilePath = path }
            : new ExchangeStoreException(message, inner) { FilePath = path };
    }




    private static long Id(string id) => long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Id(SqliteDataReader reader, int ordinal) => reader.GetInt64(ordinal).ToString(CultureInfo.InvariantCulture);

    private static T Name<T>(SqliteDataReader reader, int ordinal)
        where T : struct, Enum
    {
        var text = reader.GetString(ordinal);
        return Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0])
            ? value
            : throw new FormatException($"'{text}' is not a {typeof(T).Name}.");
    }
}
