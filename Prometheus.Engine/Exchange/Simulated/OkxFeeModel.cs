namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// OKX's proportional fee at the instrument's published maker/taker rates: fee = notional × rate.
/// Simplification: real OKX charges a spot buy's fee in the base currency (BTC) and a spot sell's in the
/// quote currency; here every fee is charged and reported in the quote currency (USDT), so balances and
/// ledgers deal in one fee currency. The value is the same at the fill price.
/// </summary>
public sealed class OkxFeeModel : IFeeModel
{
    public decimal Fee(Instrument instrument, decimal notional, bool isMaker) =>
        notional * (isMaker ? instrument.MakerFeeRate : instrument.TakerFeeRate);

    public string FeeCurrency(Instrument instrument) => instrument.QuoteCcy;
}
