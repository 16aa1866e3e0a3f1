using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The small set of raw SQLite helpers both stores share (the engine's and the simulated exchange's): unpooled
/// connections (a Dispose really closes the file), one-shot statements, prepared statements with positional
/// parameters $p0.., and money as invariant TEXT (never REAL).
/// </summary>
public static class Sqlite
{
    /// <summary>The first 16 bytes of every SQLite 3 database file.</summary>
    private static ReadOnlySpan<byte> Header => "SQLite format 3\0"u8;

    public static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
        }.ToString();
        return StoreSql.Open(new SqliteConnection(connectionString));
    }

    /// <summary>Whether the file starts like a SQLite 3 database (a check that reads 16 bytes and writes nothing).</summary>
    public static bool HasDatabaseHeader(string path)
    {
        Span<byte> head = stackalloc byte[16];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return file.ReadAtLeast(head, 16, throwOnEndOfStream: false) == 16 && head.SequenceEqual(Header);
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static List<T> Read<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> row, params ReadOnlySpan<object> parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
            command.Parameters.AddWithValue(FormattableString.Invariant($"$p{i}"), parameters[i]);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(row(reader));
        return rows;
    }

    /// <summary>A prepared statement with <paramref name="parameters"/> positional parameters named $p0, $p1, ...</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
            command.Parameters.Add(new SqliteParameter(FormattableString.Invariant($"$p{i}"), DBNull.Value));
        command.Prepare();
        return command;
    }

    /// <summary>Runs a prepared statement with these values, in parameter order; returns the rows changed.</summary>
    public static int Run(SqliteCommand command, params ReadOnlySpan<object?> values)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < values.Length; i++)
            parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQuery();
    }

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal Money(SqliteDataReader reader, int ordinal) =>
        decimal.Parse(reader.GetString(ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture);
}
