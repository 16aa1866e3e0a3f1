using Prometheus.Engine.Configuration;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// The exchange-sim server. Section: Prometheus:Sim. The credentials are what clients must sign with; the defaults
/// are public (README) because the server trades paper money on loopback. <see cref="Speed"/> paces the replay of
/// the candle file: 1 = real time (a 15-minute bar every 15 minutes), 60 = a minute of market per second, 0 = no
/// pacing (bars only when code pushes them: tests).
/// </summary>
public sealed class ExchangeSimOptions : IValidatable
{
    public const string Section = "Prometheus:Sim";
    public const string DefaultApiKey = "prometheus-sim-key";
    public const string DefaultSecretKey = "prometheus-sim-secret";
    public const string DefaultPassphrase = "prometheus-sim-passphrase";

    public string ApiKey { get; set; } = DefaultApiKey;

    public string SecretKey { get; set; } = DefaultSecretKey;

    public string Passphrase { get; set; } = DefaultPassphrase;

    /// <summary>Market time per wall-clock time; 0 stops the pacing.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>The candle file replayed (both instruments trade on it); relative paths are taken from the executable's folder.</summary>
    public string Data { get; set; } = ShippedData.Okx15m;

    /// <summary>
    /// A candle file finer than <see cref="Data"/> (e.g. the shipped OKX 1m file) serving the bars finer than the replay
    /// where it covers the replayed time; empty: none (finer bars answer 51000). Off by default: the shipped 1m file covers
    /// 16 days of the 15m replay's 3.3-year lap.
    /// </summary>
    public string FinerSeries { get; set; } = "";

    /// <summary>OKX's recorded mark prices of the swaps, serving mark price candles where they cover; empty: the replayed prices.</summary>
    public string MarkSeries { get; set; } = ShippedData.OkxBtcMark1h;

    /// <summary>
    /// A file per instrument, replayed side by side (aligned by bar time; <see cref="Data"/> unused): each listed
    /// instrument's candles, tickers and fills come from its own (or its coin's) series. Null (unset): <see cref="Data"/>
    /// prices every instrument.
    /// </summary>
    public ReplaySeries[]? Series { get; set; }

    /// <summary>How far a request's OK-ACCESS-TIMESTAMP may be from the server's clock (OKX: 30 s), else 50102.</summary>
    public double TimestampToleranceSeconds { get; set; } = 30;

    /// <summary>Seed of the slippage model.</summary>
    public int Seed { get; set; } = 42;

    public string DataPath => ShippedData.Resolve(Data);

    public string? FinerSeriesPath => string.IsNullOrWhiteSpace(FinerSeries) ? null : ShippedData.Resolve(FinerSeries);

    public string? MarkSeriesPath => string.IsNullOrWhiteSpace(MarkSeries) ? null : ShippedData.Resolve(MarkSeries);

    public IEnumerable<string> Validate()
    {
        foreach (var (key, value) in new[] { ("ApiKey", ApiKey), ("SecretKey", SecretKey), ("Passphrase", Passphrase) })
        {
            if (string.IsNullOrWhiteSpace(value))
                yield return $"{Section}:{key} must not be empty";
        }
        foreach (var error in Check.Range($"{Section}:Speed", Speed, 0, 1_000_000)
                     .Concat(Check.Range($"{Section}:TimestampToleranceSeconds", TimestampToleranceSeconds, 1, 3600)))
            yield return error;
        foreach (var error in ReplaySeries.Validate(Series, Section))
            yield return error;
        if (string.IsNullOrWhiteSpace(Data))
            yield return $"{Section}:Data must name a candle file (was empty)";
        else if (!File.Exists(DataPath))
            yield return $"{Section}:Data must name an existing candle file (not found: {DataPath})";
        foreach (var (key, path) in new[] { ("FinerSeries", FinerSeriesPath), ("MarkSeries", MarkSeriesPath) })
        {
            if (path is not null && !File.Exists(path))
                yield return $"{Section}:{key} must name an existing candle file or be empty (not found: {path})";
        }
    }

    public override string ToString() =>
        $"ExchangeSimOptions {{ ApiKey = {Prometheus.Engine.Exchange.Okx.OkxCredentials.Redact(ApiKey)}, SecretKey = ***, Passphrase = ***, Speed = {Speed}, Data = {Data}, FinerSeries = {FinerSeries}, MarkSeries = {MarkSeries} }}";
}
