using Prometheus.Web.Configuration;

namespace Prometheus.Web.Reports;

/// <summary>
/// <c>&lt;DataDir&gt;/reports</c>: the reports the dashboard lists, and where a backtest started from the browser writes its
/// own. Created when first used (building the host writes nothing). A name from a request is a plain file name ending in
/// .json (not hidden: no leading dot) that resolves to a file directly inside this folder; anything else is refused before
/// the disk is touched, and a file whose name is refused is not listed.
/// </summary>
public sealed class ReportsFolder(string path)
{
    public const string FolderName = "reports";
    public const string Extension = ".json";
    public const int MaxNameLength = 255;

    public static ReportsFolder In(IConfiguration configuration) => new(System.IO.Path.Combine(DataDirectory.PathOf(configuration), FolderName));

    /// <summary>The folder's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The folder, created when missing.</summary>
    public DirectoryInfo Ensure() => Directory.CreateDirectory(Path);

    /// <summary>Every report in the folder (newest first), each read and recognised; an unreadable one says why.</summary>
    public IReadOnlyList<ReportDocument> List() =>
        [.. Ensure().EnumerateFiles("*" + Extension)
            .Where(f => f.Extension.Equals(Extension, StringComparison.OrdinalIgnoreCase) && NameProblem(f.Name) is null)
            .Select(ReportReader.Read)
            .OrderByDescending(r => r.WrittenAt)
            .ThenBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>The report of that name; null when no such file is in the folder. Check <see cref="NameProblem"/> first.</summary>
    public ReportDocument? Open(string name)
    {
        var file = new FileInfo(FullPathOf(name));
        return file.Exists ? ReportReader.Read(file) : null;
    }

    /// <summary>Why <paramref name="name"/> is not a report name this folder can hold; null when it is one.</summary>
    public string? NameProblem(string? name)
    {
        const string rule = "name must be a report's file name: a plain name ending in .json, not starting with a dot, inside the reports folder";
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength) return $"{rule} (at most {MaxNameLength} characters)";
        if (name != name.Trim() || name.StartsWith('.') || name.Contains('\\') || name.Contains('/')
            || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || name.Any(char.IsControl))
            return rule;
        if (!name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) || name.Length == Extension.Length) return rule;
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, name));
        return System.IO.Path.GetDirectoryName(full) == Path && System.IO.Path.GetFileName(full) == name ? null : rule;
    }

    /// <summary>The file's full path; only for a name <see cref="NameProblem"/> accepts.</summary>
    public string FullPathOf(string name) =>
        NameProblem(name) is { } problem ? throw new ArgumentException(problem, nameof(name)) : System.IO.Path.Combine(Path, name);
}
