using System.IO.Compression;
using System.Text;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Tests.Market;

public sealed class CandleFileReaderTests : IDisposable
{
    private const string Header = "ts,open,high,low,close,volume";
    private const string Row1 = "1672531200000,16545.9,16547.9,16525.9,16525.9,205.37";
    private const string Row2 = "1672532100000,16526.0,16549.3,16524.4,16549.2,142.03";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "prometheus-reader-" + Guid.NewGuid().ToString("N"));

    public CandleFileReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(string name, params string[] lines)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private string Gz(string name, params string[] lines)
    {
        string path = Path.Combine(_dir, name);
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        return path;
    }

    private static CandleDataException Fails(string path, int line, string fragment)
    {
        var e = Assert.Throws<CandleDataException>(() => CandleFileReader.Read(path).ToList());
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        Assert.Contains(fragment, e.Message);
        Assert.Equal(path, e.FilePath);
        Assert.Equal(line, e.LineNumber);
        return e;
    }

    [Fact]
    public void An_empty_volume_reads_as_zero_only_when_asked_as_the_shipped_mark_prices_need()
    {
        string path = Csv("mark.csv", Header, "1672531200000,16545.9,16547.9,16525.9,16525.9,", Row2);
        string shipped = TestData.Path("btc-usdt-swap-mark-1h-okx-20220501-20260116.csv.gz");

        Fails(path, 2, "volume is not a number");
        var read = CandleFileReader.Read(path, volumeMayBeEmpty: true).ToList();
        var marks = CandleFileReader.Read(shipped, volumeMayBeEmpty: true).ToList();

        Assert.Equal([0m, 142.03m], read.Select(c => c.Volume));
        Assert.Equal(32_545, marks.Count);
        Assert.Equal((1651363200000, 1768521600000), (marks[0].TimestampMs, marks[^1].TimestampMs));
        Assert.All(marks, c => Assert.Equal(0m, c.Volume));
    }

    [Theory]
    [InlineData(TestData.Okx15m, 115_506, 1672531200000, 1776485700000)]
    [InlineData(TestData.Binance1h, 58_419, 1502942400000, 1713708000000)]
    [InlineData(TestData.Binance5m, 207_624, 1709251200000, 1771538100000)]
    [InlineData("btc-usdt-swap-1m-okx-20260101-20260116.csv.gz", 22_078, 1767225600000, 1768550220000)]
    [InlineData("btc-usdt-swap-5m-okx-20220501-20221231.csv.gz", 70_499, 1651363200000, 1672512600000)]
    public void Reads_every_row_of_the_shipped_files(string file, int rows, long firstTs, long lastTs)
    {
        int count = 0;
        long first = 0, last = 0;
        foreach (Candle c in CandleFileReader.Read(TestData.Path(file)))
        {
            if (count++ == 0)
                first = c.TimestampMs;
            last = c.TimestampMs;
        }

        Assert.Equal(rows, count);
        Assert.Equal(firstTs, first);
        Assert.Equal(lastTs, last);
    }

    [Fact]
    public void Parses_the_values_exactly_as_written()
    {
        Candle first = CandleFileReader.Read(TestData.Path(TestData.Okx15m)).First();
        Assert.Equal(new Candle(1672531200000, 16545.9m, 16547.9m, 16525.9m, 16525.9m, 205.37m), first);

        Candle binance = CandleFileReader.Read(TestData.Path(TestData.Binance1h)).First();
        Assert.Equal(new Candle(1502942400000, 4261.48m, 4313.62m, 4261.32m, 4308.83m, 47.181009m), binance);
    }

    [Fact]
    public void Reads_plain_and_gzip_files_alike_and_skips_blank_lines()
    {
        string plain = Csv("a.csv", Header, Row1, "", Row2, "   ");
        string gz = Gz("a.csv.gz", Header, Row1, Row2);
        string crlf = Path.Combine(_dir, "crlf.csv");
        File.WriteAllText(crlf, $"{Header}\r\n{Row1}\r\n{Row2}\r\n");

        List<Candle> expected = CandleFileReader.Read(plain).ToList();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, CandleFileReader.Read(gz).ToList());
        Assert.Equal(expected, CandleFileReader.Read(crlf).ToList());
    }

    [Fact]
    public void Accepts_exponents_and_zero_volume()
    {
        string path = Csv("exp.csv", Header, "1000,1.5e4,1.5E4,15000,15000,0.0", "2000,15000,15000,15000,15000,1e-8");
        List<Candle> candles = CandleFileReader.Read(path).ToList();
        Assert.Equal(15000m, candles[0].Open);
        Assert.True(candles[0].IsEmpty);
        Assert.Equal(0.00000001m, candles[1].Volume);
    }

    [Fact]
    public void Missing_file_throws_at_once()
    {
        string path = Path.Combine(_dir, "nope.csv.gz");
        var e = Assert.Throws<CandleDataException>(() => CandleFileReader.Read(path));
        Assert.Equal($"Data file not found: {path}", e.Message);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Rows_stream_lazily_until_the_bad_one()
    {
        string path = Csv("lazy.csv", Header, Row1, Row2, "1672533000000,x,1,1,1,1");
        using IEnumerator<Candle> rows = CandleFileReader.Read(path).GetEnumerator();
        Assert.True(rows.MoveNext());
        Assert.True(rows.MoveNext());
        var e = Assert.Throws<CandleDataException>(() => rows.MoveNext());
        Assert.StartsWith($"{path}:4: ", e.Message);
    }

    [Fact]
    public void Bad_number_names_file_line_and_column()
    {
        string path = Csv("bad-number.csv", Header, Row1, Row2, "1672533000000,16549.3,16549.3,abc,16524.4,352.06");
        Fails(path, 4, "low is not a number: \"abc\"");
    }

    [Fact]
    public void Bad_timestamp()
    {
        Fails(Csv("bad-ts.csv", Header, "12.5,1,1,1,1,1"), 2, "ts is not a whole number");
    }

    [Theory]
    [InlineData("1672533000000,1,1,1,1", 5)]
    [InlineData("1672533000000,1,1,1,1,1,1", 7)]
    [InlineData("1672533000000;1;1;1;1;1", 1)]
    public void Wrong_column_count(string row, int columns)
    {
        string path = Csv($"columns-{columns}.csv", Header, Row1, row);
        Fails(path, 3, $"expected 6 columns, found {columns}");
    }

    [Theory]
    [InlineData("timestamp,open,high,low,close,volume")]
    [InlineData("ts,open,high,low,close")]
    [InlineData(Row1)]
    public void Bad_header(string header)
    {
        string path = Gz("bad-header.csv.gz", header, Row1);
        Fails(path, 1, "bad header");
    }

    [Fact]
    public void Empty_file()
    {
        string path = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(path, "");
        Fails(path, 1, "the file is empty");
    }

    [Theory]
    [InlineData("1672532100000,1,1,1,1,1")]   // equal to the previous row's
    [InlineData("1672531200000,1,1,1,1,1")]   // before it
    public void Non_increasing_timestamp(string row)
    {
        string path = Csv("order.csv", Header, Row1, Row2, row);
        Fails(path, 4, "is not after the previous row's 1672532100000");
    }

    [Fact]
    public void High_below_low()
    {
        Fails(Csv("high-low.csv", Header, Row1, "1672532100000,10,9,11,10,1"), 3, "high 9 is below low 11");
    }

    [Fact]
    public void Negative_volume()
    {
        Fails(Csv("volume.csv", Header, "1672532100000,10,10,10,10,-0.5"), 2, "volume -0.5 is negative");
    }

    [Fact]
    public void Open_or_close_outside_the_range_and_non_positive_prices()
    {
        Fails(Csv("open.csv", Header, "1000,12,11,9,10,1"), 2, "open 12 is outside low..high (9..11)");
        Fails(Csv("close.csv", Header, "1000,10,11,9,8,1"), 2, "close 8 is outside low..high (9..11)");
        Fails(Csv("zero.csv", Header, "1000,0,0,0,0,0"), 2, "low 0 is not a positive price");
    }

    [Fact]
    public void Corrupt_gzip_names_the_file()
    {
        string path = Path.Combine(_dir, "corrupt.csv.gz");
        byte[] good = File.ReadAllBytes(Gz("good.csv.gz", Header, Row1, Row2));
        byte[] bad = good[..10].Concat(Enumerable.Repeat((byte)0xFF, 40)).ToArray();
        File.WriteAllBytes(path, bad);
        var e = Assert.Throws<CandleDataException>(() => CandleFileReader.Read(path).ToList());
        Assert.StartsWith($"{path}:", e.Message);
    }

    [Fact]
    public void Reads_the_whole_5m_file()
    {
        // Its speed is measured by the bench verb (the backtest reads it), not here: timed tests are flaky on shared machines.
        Assert.Equal(207_624, CandleFileReader.Read(TestData.Path(TestData.Binance5m)).Count());
    }
}
