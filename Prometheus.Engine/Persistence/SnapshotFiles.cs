using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// Full snapshots as files in &lt;DataDir&gt;/snapshots: the engine's state as gzip-compressed JSON, named by store
/// version. A file is written under a temporary name, flushed to disk, then renamed, so a snapshot file is whole or
/// absent; its SHA-256 (kept in the Snapshots table) is checked before it is read.
/// </summary>
public static class SnapshotFiles
{
    public const string Folder = "snapshots";

    public static string FileName(long version) => $"snapshot-{version:D12}.json.gz";

    /// <summary>The store version a snapshot file (or its temporary) is named by; null for any other file.</summary>
    public static long? VersionOf(string file) =>
        file.StartsWith("snapshot-", StringComparison.Ordinal) && file.Length >= 21
        && long.TryParse(file.AsSpan(9, 12), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version : null;

    /// <summary>Writes the snapshot durably; returns its file name, SHA-256 (hex) and size.</summary>
    public static (string File, string Sha256, long Bytes) Write(string dataDir, long version, EngineSnapshot snapshot)
    {
        var folder = Path.Combine(dataDir, Folder);
        Directory.CreateDirectory(folder);
        var name = FileName(version);
        var path = Path.Combine(folder, name);
        var temp = path + ".tmp";
        using (var buffer = new MemoryStream())
        {
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
                JsonSerializer.Serialize(gzip, snapshot, EngineJson.Options);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            return (name, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
        }
    }

    /// <summary>Reads a snapshot after checking its checksum. Throws <see cref="CorruptSnapshotException"/> saying what is wrong.</summary>
    public static EngineSnapshot Read(string dataDir, string file, string expectedSha256)
    {
        var path = Path.Combine(dataDir, Folder, file);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CorruptSnapshotException(file, $"cannot be read ({e.Message})", e);
        }
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new CorruptSnapshotException(file, $"checksum mismatch (SHA-256 {actual[..12]}…, expected {expectedSha256[..Math.Min(12, expectedSha256.Length)]}…)");
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            var snapshot = JsonSerializer.Deserialize<EngineSnapshot>(gzip, EngineJson.Options)
                ?? throw new CorruptSnapshotException(file, "holds no snapshot");
            if (snapshot.IsPartial)
                throw new CorruptSnapshotException(file, "holds a partial checkpoint, not a full snapshot");
            return snapshot;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new CorruptSnapshotException(file, $"cannot be decoded ({e.Message})", e);
        }
    }
}

/// <summary>A snapshot file that cannot be used: missing, unreadable, a checksum mismatch, or undecodable.</summary>
public sealed class CorruptSnapshotException(string file, string reason, Exception? inner = null)
    : Exception($"snapshot {file} {reason}", inner)
{
    public string File { get; } = file;
    public string Reason { get; } = reason;
}
