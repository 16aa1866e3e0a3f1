using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Exchange;

/// <summary>
/// An instrument as configuration and the shipped catalog write it (section Prometheus:Instruments, a list), with OKX's
/// field names where OKX has one. Every number is required: a spec is complete or refused.
/// </summary>
public sealed class InstrumentSpec
{
    /// <summary>Venue and symbol: <c>okx:ETH-USDT-SWAP</c>.</summary>
    public string? Id { get; set; }
    public InstrumentKind? Kind { get; set; }
    public string? BaseCcy { get; set; }
    public string? QuoteCcy { get; set; }
    public decimal? CtVal { get; set; }
    public decimal? LotSz { get; set; }
    public decimal? MinSz { get; set; }
    public decimal? TickSz { get; set; }
    public decimal? MaxLeverage { get; set; }
    public decimal? MakerFeeRate { get; set; }
    public decimal? TakerFeeRate { get; set; }
    public decimal? MaintenanceMarginRate { get; set; }

    /// <summary>What is wrong with the spec, each line naming its key under <paramref name="key"/> (Prometheus:Instruments:2).</summary>
    public IEnumerable<string> Validate(string key)
    {
        if (InstrumentCatalog.ParseId(Id) is null)
            yield return $"{key}:Id must be venue:symbol, e.g. okx:ETH-USDT-SWAP (was '{Id}')";
        if (Kind is null) yield return $"{key}:Kind is required: Spot or Swap";
        if (string.IsNullOrWhiteSpace(BaseCcy)) yield return $"{key}:BaseCcy is required";
        if (string.IsNullOrWhiteSpace(QuoteCcy)) yield return $"{key}:QuoteCcy is required";
        foreach (var (name, value) in new[] { ("CtVal", CtVal), ("LotSz", LotSz), ("MinSz", MinSz), ("TickSz", TickSz), ("MaxLeverage", MaxLeverage) })
        {
            if (value is not > 0m) yield return $"{key}:{name} is required and must be above 0 (was {value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"})";
        }
        foreach (var (name, value, min, max) in new[]
                 {
                     ("MakerFeeRate", MakerFeeRate, -0.01m, 0.01m), ("TakerFeeRate", TakerFeeRate, -0.01m, 0.01m),
                     ("MaintenanceMarginRate", MaintenanceMarginRate, 0m, 0.5m),
                 })
        {
            if (value is not { } given) yield return $"{key}:{name} is required";
            else foreach (var message in Check.Range($"{key}:{name}", given, min, max)) yield return message;
        }
        if (Kind == InstrumentKind.Spot && (CtVal != 1m || MaxLeverage != 1m))
            yield return $"{key}: a spot instrument has CtVal 1 and MaxLeverage 1";
        if (MinSz is > 0m && LotSz is > 0m && MinSz < LotSz)
            yield return $"{key}:MinSz must not be below LotSz";
    }

    /// <summary>The instrument; call only on a spec <see cref="Validate"/> found nothing wrong with.</summary>
    public Instrument ToInstrument()
    {
        var (venue, instId) = InstrumentCatalog.ParseId(Id) ?? throw new InvalidOperationException($"'{Id}' is not venue:symbol");
        return new Instrument(venue, instId, Kind!.Value, BaseCcy!, QuoteCcy!, CtVal!.Value, LotSz!.Value, MinSz!.Value, TickSz!.Value,
            MaxLeverage!.Value, MakerFeeRate!.Value, TakerFeeRate!.Value, MaintenanceMarginRate!.Value);
    }
}
