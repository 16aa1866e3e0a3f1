using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Prometheus.Engine.Market;

/// <summary>
/// Streams candles from a CSV file with the header <c>ts,open,high,low,close,volume</c>
/// (<c>ts</c> = open time, Unix milliseconds, UTC), gzip-compressed or plain.
/// Compression is recognised by the gzip magic bytes, so the extension does not matter.
/// </summary>
/// <remarks>
/// Every row is checked: six columns, a whole-number timestamp strictly after the previous row's,
/// numbers in the invariant culture, low &gt; 0, low ≤ high, open and close inside low..high, volume ≥ 0.
/// The first fault throws <see cref="CandleDataException"/> naming the file and the 1-based line
/// (<c>PATH:LINE: problem</c>); rows before it have already been yielded. Whitespace-only lines are skipped.
/// </remarks>
public static class CandleFileReader
{
    public const string Header = "ts,open,high,low,close,volume";

    private const int Columns = 6;
    private const int BufferSize = 1 << 16;
    private const NumberStyles TimestampStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
    private const NumberStyles PriceStyle = NumberStyles.Float;
    private static readonly string[] ColumnNames = ["ts", "open", "high", "low", "close", "volume"];

    /// <summary>
    /// Returns the file's candles, read lazily as the sequence is enumerated (each enumeration reads the file again).
    /// A missing file throws at once; a malformed row throws when enumeration reaches it.
    /// </summary>
    /// <exception cref="CandleDataException">The file does not exist, or a row is malformed.</exception>
    public static IEnumerable<Candle> Read(string path) => Read(path, volumeMayBeEmpty: false);

    /// <param name="volumeMayBeEmpty">Reads an empty volume as 0: mark price candles have no volume (the shipped mark files leave it empty).</param>
    public static IEnumerable<Candle> Read(string path, bool volumeMayBeEmpty)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw CandleDataException.FileNotFound(path);
        return ReadRows(path, volumeMayBeEmpty);
    }

    private static IEnumerable<Candle> ReadRows(string path, bool volumeMayBeEmpty)
    {
        using StreamReader reader = Open(path);

        long lineNumber = 1;
        string? line = NextLine(reader, path, lineNumber);
        if (line is null)
            throw new CandleDataException(path, lineNumber, $"the file is empty; expected the header \"{Header}\"");
        if (!line.AsSpan().Trim().Equals(Header, StringComparison.OrdinalIgnoreCase))
            throw new CandleDataException(path, lineNumber, $"bad header \"{line}\"; expected \"{Header}\"");

        long previousTs = 0;
        bool first = true;
        while ((line = NextLine(reader, path, ++lineNumber)) is not null)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;

            Candle candle = ParseRow(line, path, lineNumber, volumeMayBeEmpty);
            if (!first && candle.TimestampMs <= previousTs)
                throw new CandleDataException(path, lineNumber,
                    $"timestamp {candle.TimestampMs} is not after the previous row's {previousTs}");
            first = false;
            previousTs = candle.TimestampMs;
            yield return candle;
        }
    }

    private static StreamReader Open(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CandleDataException.FileNotFound(path);
        }

        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Seek(0, SeekOrigin.Begin);
            Stream source = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
                ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false)
                : file;
            return new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static string? NextLine(StreamReader reader, string path, long lineNumber)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new CandleDataException(path, lineNumber, $"corrupt compressed data ({e.Message})", e);
        }
    }

    private static Candle ParseRow(string line, string path, long lineNumber, bool volumeMayBeEmpty)
    {
        ReadOnlySpan<char> row = line;
        int columns = row.Count(',') + 1;
        if (columns != Columns)
            throw new CandleDataException(path, lineNumber, $"expected {Columns} columns, found {columns}");

        Span<Range> cells = stackalloc Range[Columns];
        row.Split(cells, ',');

        ReadOnlySpan<char> tsText = row[cells[0]];
        if (!long.TryParse(tsText, TimestampStyle, CultureInfo.InvariantCulture, out long ts))
            throw new CandleDataException(path, lineNumber,
                $"ts is not a whole number of milliseconds: \"{tsText.ToString()}\"");

        decimal open = ParseNumber(row, cells, 1, path, lineNumber);
        decimal high = ParseNumber(row, cells, 2, path, lineNumber);
        decimal low = ParseNumber(row, cells, 3, path, lineNumber);
        decimal close = ParseNumber(row, cells, 4, path, lineNumber);
        decimal volume = volumeMayBeEmpty && row[cells[5]].IsWhiteSpace() ? 0m : ParseNumber(row, cells, 5, path, lineNumber);

        if (high < low)
            throw Invalid(path, lineNumber, $"high {high} is below low {low}");
        if (low <= 0m)
            throw Invalid(path, lineNumber, $"low {low} is not a positive price");
        if (open < low || open > high)
            throw Invalid(path, lineNumber, $"open {open} is outside low..high ({low}..{high})");
        if (close < low || close > high)
            throw Invalid(path, lineNumber, $"close {close} is outside low..high ({low}..{high})");
        if (volume < 0m)
            throw Invalid(path, lineNumber, $"volume {volume} is negative");

        return new Candle(ts, open, high, low, close, volume);
    }

    private static decimal ParseNumber(ReadOnlySpan<char> row, Span<Range> cells, int column, string path, long lineNumber)
    {
        ReadOnlySpan<char> text = row[cells[column]];
        if (!decimal.TryParse(text, PriceStyle, CultureInfo.InvariantCulture, out decimal value))
            throw new CandleDataException(path, lineNumber,
                $"{ColumnNames[column]} is not a number: \"{text.ToString()}\"");
        return value;
    }

    private static CandleDataException Invalid(string path, long lineNumber, FormattableString problem) =>
        new(path, lineNumber, problem.ToString(CultureInfo.InvariantCulture));
}
