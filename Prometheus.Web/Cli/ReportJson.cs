using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prometheus.Web.Cli;

/// <summary>Reports as camelCase, indented JSON: the names are the report records' public contract.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A Sharpe ratio over a flat equity curve is NaN; losing a long run's report over it would be worse.
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Writes the report; a failure is a <see cref="CliException"/> naming the file.</summary>
    public static void Write<T>(string path, T report)
    {
        try
        {
            File.WriteAllText(path, Serialize(report) + Environment.NewLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {path}: {e.Message}", ExitCodes.Failure);
        }
    }
}
