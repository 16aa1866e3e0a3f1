using Prometheus.Engine.Configuration;

namespace Prometheus.Web.Configuration;

/// <summary>Paper trading on the simulated exchange: which candles it replays and how fast. Section: Prometheus:Paper.</summary>
public sealed class PaperOptions : IValidatable
{
    public const string Section = "Prometheus:Paper";

    /// <summary>Candles replayed per second of wall-clock time.</summary>
    public double BarsPerSecond { get; set; } = 2;

    /// <summary>The candle file replayed; a relative path is taken from the executable's folder.</summary>
    public string Data { get; set; } = ShippedData.Okx15m;

    /// <summary>The candle file as an absolute path.</summary>
    public string DataPath => ShippedData.Resolve(Data);

    /// <summary>
    /// Several instruments replayed side by side, each on its own file, aligned by bar time (<see cref="Data"/> unused):
    /// every traded instrument needs one here, or one on its coin (BTC spot can take the BTC swap's). Null (unset): one
    /// file, <see cref="Data"/>, prices every traded instrument.
    /// </summary>
    public ReplaySeries[]? Series { get; set; }

    public IEnumerable<string> Validate()
    {
        foreach (var error in Check.Range($"{Section}:BarsPerSecond", BarsPerSecond, 0.01, 10_000))
            yield return error;
        foreach (var error in ReplaySeries.Validate(Series, Section))
            yield return error;
        if (string.IsNullOrWhiteSpace(Data))
            yield return $"{Section}:Data must name a candle file (was empty)";
        else if (!File.Exists(DataPath))
            yield return $"{Section}:Data must name an existing candle file (not found: {DataPath})";
    }
}
