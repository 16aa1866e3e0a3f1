using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Supervision;

/// <summary>Capital allocation. Section: Prometheus:Mastermind.</summary>
public sealed class MastermindOptions : IValidatable
{
    public const string Section = "Prometheus:Mastermind";

    /// <summary>USDT the system trades with; the rest of the exchange balance is never touched.</summary>
    public decimal TotalCapital { get; set; } = 100_000m;

    /// <summary>Share of the total given to agents at birth; the rest is the pool that funds later births.</summary>
    public decimal DeployedShare { get; set; } = 0.5m;

    /// <summary>
    /// The instruments agents are assigned at birth (ids of the instrument catalog); null (unset) means
    /// <see cref="InstrumentIds"/>'s default. Null by default because the binder appends to a list it finds filled.
    /// </summary>
    public string[]? Instruments { get; set; }

    /// <summary>The traded instruments' ids: <see cref="Instruments"/>, or BTC spot and the BTC swap when unset.</summary>
    public IReadOnlyList<string> InstrumentIds => Instruments ?? DefaultInstrumentIds;

    /// <summary>What agents trade when configuration names nothing: BTC spot and the BTC swap, which the shipped feed prices.</summary>
    public static IReadOnlyList<string> DefaultInstrumentIds { get; } = ["okx:BTC-USDT", "okx:BTC-USDT-SWAP"];

    /// <summary>Share of agents (and so of deployed capital) on spot; the rest trade swaps.</summary>
    public decimal SpotShare { get; set; } = 0.5m;

    /// <summary>Capital one newborn receives, as a share of the total capital divided by the maximum population.</summary>
    public decimal BirthCapitalShare { get; set; } = 1m;

    /// <summary>A copy that assigns agents to <paramref name="instrumentIds"/> (a backtest over several series).</summary>
    public MastermindOptions WithInstruments(IReadOnlyList<string> instrumentIds)
    {
        var copy = (MastermindOptions)MemberwiseClone();
        copy.Instruments = [.. instrumentIds];
        return copy;
    }

    public IEnumerable<string> Validate() =>
        Check.Range($"{Section}:TotalCapital", TotalCapital, 100m, 1_000_000_000m)
            .Concat(Check.Range($"{Section}:DeployedShare", DeployedShare, 0.01m, 1m))
            .Concat(Check.Range($"{Section}:SpotShare", SpotShare, 0m, 1m))
            .Concat(Check.Range($"{Section}:BirthCapitalShare", BirthCapitalShare, 0.01m, 10m));
}
