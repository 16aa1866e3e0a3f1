namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>The trading fee of one fill.</summary>
public interface IFeeModel
{
    /// <summary>Fee for a fill of <paramref name="notional"/> quote currency; positive = paid.</summary>
    decimal Fee(Instrument instrument, decimal notional, bool isMaker);

    /// <summary>The currency the fee is reported and charged in.</summary>
    string FeeCurrency(Instrument instrument);
}
