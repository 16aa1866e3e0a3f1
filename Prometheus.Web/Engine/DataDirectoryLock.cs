namespace Prometheus.Web.Engine;

/// <summary>
/// One engine per data dir: an exclusive lock on &lt;dataDir&gt;/prometheus.lock, held for the process's life.
/// A second host on the same folder would write the same stores behind the first one's back.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "prometheus.lock";
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Acquire(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true))
                writer.Write(Environment.ProcessId);
            file.Flush();
            return new DataDirectoryLock(file);
        }
        catch (IOException e)
        {
            throw new DataDirectoryLockedException($"Another Prometheus is using the data dir {dataDir} (lock {path}: {e.Message}); stop it first, or set Prometheus:DataDir to another folder", e);
        }
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>The data dir is in use by another Prometheus process.</summary>
public sealed class DataDirectoryLockedException(string message, Exception inner) : Exception(message, inner);
