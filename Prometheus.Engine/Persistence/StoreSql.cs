using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The engine store's raw-SQL helpers, on either provider's connection: one-shot statements, statements kept for reuse
/// with positional parameters @p0.. (which Microsoft.Data.Sqlite and Npgsql both take), and money as invariant TEXT
/// (never a floating type).
/// </summary>
public static class StoreSql
{
    /// <summary><paramref name="connection"/> opened, or disposed if it cannot open (nothing left half-made).</summary>
    public static T Open<T>(T connection) where T : DbConnection
    {
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(DbConnection connection, string sql, params ReadOnlySpan<object> parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static List<T> Read<T>(DbConnection connection, string sql, Func<DbDataReader, T> row, params ReadOnlySpan<object> parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(row(reader));
        return rows;
    }

    /// <summary>
    /// A statement kept for reuse with <paramref name="parameters"/> positional parameters @p0, @p1, ...: prepared now on
    /// SQLite; on PostgreSQL Npgsql prepares it after its first uses (its parameters' types are only known then).
    /// </summary>
    public static DbCommand Prepare(DbConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Name(i);
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        if (connection is not NpgsqlConnection)
            command.Prepare();
        return command;
    }

    /// <summary>Runs a kept statement with these values, in parameter order; returns the rows changed.</summary>
    public static int Run(DbCommand command, params ReadOnlySpan<object?> values)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < values.Length; i++)
            parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQuery();
    }

    public static DbCommand Command(DbConnection connection, string sql, params ReadOnlySpan<object?> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
            Add(command, Name(i), parameters[i]);
        return command;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal Money(DbDataReader reader, int ordinal) =>
        decimal.Parse(reader.GetString(ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture);

    private static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"@p{i}");
}
