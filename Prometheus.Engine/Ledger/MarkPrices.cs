using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Ledger;

/// <summary>The latest price of each instrument, used to value open positions.</summary>
public sealed class MarkPrices
{
    private readonly decimal[] _prices = new decimal[2];

    public decimal this[Instrument instrument]
    {
        get => _prices[(int)instrument.Kind];
        set => _prices[(int)instrument.Kind] = value;
    }

    public decimal this[InstrumentKind kind] => _prices[(int)kind];
}
