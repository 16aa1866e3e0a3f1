using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Market;

/// <summary>Indicator periods and the regime window. Section: Prometheus:Market.</summary>
public sealed class MarketOptions : IValidatable
{
    public const string Section = "Prometheus:Market";

    public int RegimeWindowDays { get; set; } = 30;
    public int RsiPeriod { get; set; } = 14;
    public int MacdFast { get; set; } = 12;
    public int MacdSlow { get; set; } = 26;
    public int MacdSignal { get; set; } = 9;
    public int BollingerPeriod { get; set; } = 20;
    public double BollingerWidth { get; set; } = 2.0;
    public int VolatilityWindow { get; set; } = 96;

    /// <summary>Time constant of the slow trend: an exponential average of closes over about this many days.</summary>
    public double TrendDays { get; set; } = 3;

    public IEnumerable<string> Validate() =>
        Check.Range($"{Section}:RegimeWindowDays", RegimeWindowDays, 1, 365)
            .Concat(Check.Range($"{Section}:RsiPeriod", RsiPeriod, 2, 500))
            .Concat(Check.Range($"{Section}:MacdFast", MacdFast, 2, 500))
            .Concat(Check.Range($"{Section}:MacdSlow", MacdSlow, MacdFast + 1, 1000))
            .Concat(Check.Range($"{Section}:MacdSignal", MacdSignal, 2, 500))
            .Concat(Check.Range($"{Section}:BollingerPeriod", BollingerPeriod, 2, 500))
            .Concat(Check.Range($"{Section}:BollingerWidth", BollingerWidth, 0.5, 5.0))
            .Concat(Check.Range($"{Section}:VolatilityWindow", VolatilityWindow, 2, 10_000))
            .Concat(Check.Range($"{Section}:TrendDays", TrendDays, 0.1, 60));
}
