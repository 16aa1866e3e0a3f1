namespace Prometheus.Engine.Tests;

/// <summary>Finds the repository's shipped data files from wherever the tests run.</summary>
public static class TestData
{
    public const string Okx15m = "btc-usdt-swap-15m-okx-20230101-20260418.csv.gz";
    public const string Binance1h = "btc-usdt-1h-binance-20170817-20240421.csv.gz";
    public const string Binance5m = "btc-usdt-5m-binance-20240301-20260219.csv.gz";

    private static readonly Lazy<string> DataDirectory = new(FindDataDirectory);

    /// <summary>The full path of <paramref name="fileName"/> in the repository's <c>data/</c> folder.</summary>
    public static string Path(string fileName) => System.IO.Path.Combine(DataDirectory.Value, fileName);

    private static string FindDataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string data = System.IO.Path.Combine(dir.FullName, "data");
            if (File.Exists(System.IO.Path.Combine(data, Okx15m)))
                return data;
        }

        throw new DirectoryNotFoundException(
            $"No data/{Okx15m} found in {AppContext.BaseDirectory} or any folder above it.");
    }
}
