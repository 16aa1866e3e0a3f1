namespace Prometheus.Engine.Market;

/// <summary>
/// A candle data file is missing or malformed. <see cref="Exception.Message"/> names the file and,
/// for a bad row, the 1-based line number: <c>PATH:LINE: what is wrong</c>.
/// </summary>
public sealed class CandleDataException : Exception
{
    public CandleDataException(string message) : base(message)
    {
    }

    public CandleDataException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>A fault on one line: the message reads <c>PATH:LINE: problem</c>.</summary>
    public CandleDataException(string filePath, long lineNumber, string problem, Exception? innerException = null)
        : base($"{filePath}:{lineNumber}: {problem}", innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    private CandleDataException(string filePath, string message) : base(message)
    {
        FilePath = filePath;
    }

    /// <summary>The file at fault; null when the exception was made from a bare message.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line at fault (the header is line 1), or 0 when the error is not about one line.</summary>
    public long LineNumber { get; }

    /// <summary>The error for a data file that does not exist: <c>Data file not found: PATH</c>.</summary>
    public static CandleDataException FileNotFound(string filePath) => new(filePath, $"Data file not found: {filePath}");
}
