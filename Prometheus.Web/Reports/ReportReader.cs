using System.Text.Json;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Research;
using Prometheus.Web.Cli;

namespace Prometheus.Web.Reports;

/// <summary>
/// Reads a report file and recognises it by its shape: a research report has <c>seeds</c> and <c>summary</c>, a backtest
/// report <c>ledgerHash</c> and <c>buyHold</c>. It is then read into the same records the verbs wrote (ReportJson's
/// options); a file that is neither, is not JSON, misses a field or is too large is unreadable, with the reason. Never throws
/// for what a file holds.
/// </summary>
public static class ReportReader
{
    /// <summary>Larger files are not read (a research report of many seeds is a few MB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The writers' options, strict: a field missing, or null where the record has no null, makes the file unreadable.</summary>
    private static readonly JsonSerializerOptions Strict = new(ReportJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static ReportDocument Read(FileInfo file)
    {
        var document = new ReportDocument(file.Name, ReportKind.Unreadable, file.LastWriteTimeUtc, file.Length, null, null, null, null);
        if (file.Length > MaxBytes)
            return document with { Reason = $"larger than {MaxBytes / (1024 * 1024)} MB: not read" };
        string json;
        try
        {
            json = File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return document with { Reason = $"cannot be read: {e.Message}" };
        }
        return Recognise(document, json);
    }

    private static ReportDocument Recognise(ReportDocument document, string json)
    {
        string kind;
        try
        {
            using var parsed = JsonDocument.Parse(json);
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return document with { Reason = $"not a report: the JSON is {Describe(root.ValueKind)}, not an object" };
            kind = Has(root, "seeds") && Has(root, "summary") ? ReportKind.Research
                : Has(root, "ledgerHash") && Has(root, "buyHold") ? ReportKind.Backtest
                : "";
        }
        catch (JsonException e)
        {
            return document with { Reason = $"not valid JSON: {e.Message}" };
        }
        if (kind.Length == 0)
            return document with { Reason = "neither a backtest report (ledgerHash, buyHold) nor a research report (seeds, summary)" };

        try
        {
            return kind == ReportKind.Research
                ? document with { Kind = kind, Json = json, Research = JsonSerializer.Deserialize<ResearchReport>(json, Strict) }
                : document with { Kind = kind, Json = json, Backtest = JsonSerializer.Deserialize<BacktestReport>(json, Strict) };
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return document with { Reason = $"looks like a {kind} report but does not read as one: {e.Message}" };
        }
    }

    private static bool Has(JsonElement root, string name) => root.TryGetProperty(name, out _);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
