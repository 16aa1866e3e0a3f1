using System.Globalization;
using System.IO.Compression;

namespace Prometheus.Engine.Market;

/// <summary>
/// The funding rates of perpetual swaps by funding time: OKX's recorded history where it has one, a default
/// rate elsewhere. Funding settles every 8 hours at 00:00, 08:00 and 16:00 UTC; a long position pays
/// <c>notional × rate</c> when the rate is positive and receives it when it is negative, a short the reverse.
/// Immutable, so one table serves any number of parallel runs.
/// </summary>
public sealed class FundingRates
{
    public const long PeriodMs = 8 * 3_600_000L;

    /// <summary>The default rate OKX's BTC-USDT-SWAP sits at most of the time: 0.01% per 8 hours.</summary>
    public const decimal StandardDefaultRate = 0.0001m;

    private readonly Dictionary<string, Dictionary<long, decimal>> _recorded;

    public FundingRates(decimal defaultRate, IReadOnlyDictionary<string, IReadOnlyDictionary<long, decimal>>? recorded = null)
    {
        DefaultRate = defaultRate;
        _recorded = new Dictionary<string, Dictionary<long, decimal>>(StringComparer.Ordinal);
        if (recorded is null) return;
        foreach (var (instId, rates) in recorded)
        {
            foreach (var time in rates.Keys)
                if (!IsFundingTime(time))
                    throw new ArgumentException($"{instId}: {time} is not a funding time (00:00, 08:00 or 16:00 UTC).", nameof(recorded));
            _recorded[instId] = new Dictionary<long, decimal>(rates);
        }
    }

    /// <summary>No recorded history: every funding time uses <paramref name="defaultRate"/>.</summary>
    public static FundingRates Flat(decimal defaultRate) => new(defaultRate);

    /// <summary>The rate used where no recorded rate covers a funding time.</summary>
    public decimal DefaultRate { get; }

    /// <summary>Instruments with a recorded history.</summary>
    public IEnumerable<string> Instruments => _recorded.Keys;

    public static bool IsFundingTime(long ms) => ms % PeriodMs == 0;

    /// <summary>The first funding time strictly after <paramref name="ms"/>.</summary>
    public static long NextAfter(long ms)
    {
        var periods = ms / PeriodMs;
        if (ms % PeriodMs < 0) periods--; // floor, also before 1970
        return (periods + 1) * PeriodMs;
    }

    /// <summary>The last funding time at or before <paramref name="ms"/>.</summary>
    public static long AtOrBefore(long ms) => NextAfter(ms) - PeriodMs;

    /// <summary>The rate of <paramref name="instId"/> at <paramref name="fundingTimeMs"/>, and whether it was recorded.</summary>
    public FundingRate RateAt(string instId, long fundingTimeMs) =>
        _recorded.TryGetValue(instId, out var rates) && rates.TryGetValue(fundingTimeMs, out var rate)
            ? new FundingRate(fundingTimeMs, rate, Recorded: true)
            : new FundingRate(fundingTimeMs, DefaultRate, Recorded: false);

    /// <summary>Every funding time in [<paramref name="fromMs"/>, <paramref name="toMs"/>), with its rate.</summary>
    public IEnumerable<FundingRate> Between(string instId, long fromMs, long toMs)
    {
        for (var t = NextAfter(fromMs - 1); t < toMs; t += PeriodMs)
            yield return RateAt(instId, t);
    }

    /// <summary>
    /// Reads OKX funding histories (gzip CSV, header <c>funding_time,funding_rate</c>, Unix ms and a fraction per 8 h),
    /// one file per instrument.
    /// </summary>
    /// <exception cref="CandleDataException">A file is missing, unreadable, or has a malformed row (named with its line).</exception>
    public static FundingRates Load(decimal defaultRate, IEnumerable<(string InstId, string Path)> files)
    {
        var recorded = new Dictionary<string, IReadOnlyDictionary<long, decimal>>(StringComparer.Ordinal);
        foreach (var (instId, path) in files)
            recorded[instId] = ReadFile(path);
        return new FundingRates(defaultRate, recorded);
    }

    private static Dictionary<long, decimal> ReadFile(string path)
    {
        var rates = new Dictionary<long, decimal>();
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(stream);
            var header = reader.ReadLine();
            if (header?.Trim() != "funding_time,funding_rate")
                throw new CandleDataException($"{path}: the header must be 'funding_time,funding_rate' (was '{header}')");
            var line = 1;
            while (reader.ReadLine() is { } row)
            {
                line++;
                if (row.Length == 0) continue;
                var comma = row.IndexOf(',');
                if (comma < 0
                    || !long.TryParse(row.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var time)
                    || !decimal.TryParse(row.AsSpan(comma + 1), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate))
                    throw new CandleDataException($"{path}, line {line}: '{row}' is not 'funding_time,funding_rate'");
                if (!IsFundingTime(time))
                    throw new CandleDataException($"{path}, line {line}: {time} is not a funding time (00:00, 08:00 or 16:00 UTC)");
                if (Math.Abs(rate) >= 1m)
                    throw new CandleDataException($"{path}, line {line}: funding rate {rate} is not a fraction per 8 h");
                if (!rates.TryAdd(time, rate))
                    throw new CandleDataException($"{path}, line {line}: funding time {time} appears twice");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CandleDataException($"{path}: cannot be read: {e.Message}");
        }
        return rates;
    }
}

/// <summary>One funding settlement's rate; <see cref="Recorded"/> is false when the default stood in for a missing record.</summary>
public readonly record struct FundingRate(long FundingTimeMs, decimal Rate, bool Recorded);
