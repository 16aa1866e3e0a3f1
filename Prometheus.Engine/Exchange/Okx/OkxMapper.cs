using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// OKX wire records to the exchange port's records (what the gateway reads). The reverse is
/// <see cref="OkxWireWriter"/> (what exchange-sim writes); a round trip through both gives back the same record.
/// A value OKX would never send (an unknown side, a number that is not one) is an <see cref="OkxApiException"/> of
/// kind MalformedResponse naming the field, never a crash further on.
/// </summary>
public static class OkxMapper
{
    public static OrderSide Side(string value) => value switch
    {
        "buy" => OrderSide.Buy,
        "sell" => OrderSide.Sell,
        _ => throw OkxJson.Malformed($"side '{OkxJson.Truncate(value)}' is neither buy nor sell"),
    };

    /// <summary>long / short (hedge mode); net (spot, or a net-mode account) reads as Long: spot holdings are long.</summary>
    public static PositionSide PosSide(string value) => value switch
    {
        "long" or "net" or "" => PositionSide.Long,
        "short" => PositionSide.Short,
        _ => throw OkxJson.Malformed($"posSide '{OkxJson.Truncate(value)}' is not long, short or net"),
    };

    public static OrderType OrdType(string value) => value switch
    {
        "market" or "optimal_limit_ioc" => OrderType.Market,
        "limit" or "post_only" or "fok" or "ioc" => OrderType.Limit,
        _ => throw OkxJson.Malformed($"ordType '{OkxJson.Truncate(value)}' is not one the gateway trades"),
    };

    public static OrderState State(string value) => value switch
    {
        "live" => OrderState.Live,
        "partially_filled" => OrderState.PartiallyFilled,
        "filled" => OrderState.Filled,
        "canceled" or "mmp_canceled" => OrderState.Canceled,
        _ => throw OkxJson.Malformed($"order state '{OkxJson.Truncate(value)}' is unknown"),
    };

    /// <summary>
    /// An order. Its fee is made positive-when-paid and, when OKX charged it in the base currency (a spot buy), turned
    /// into the quote currency at the average price, as <see cref="ExchangeOrder.Fee"/> promises.
    /// </summary>
    public static ExchangeOrder ToOrder(OkxOrderWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var avgPx = OkxJson.Decimal(w.AvgPx, "avgPx");
        var fee = -OkxJson.Decimal(w.Fee, "fee");
        if (w.FeeCcy.Length > 0 && w.InstId.StartsWith(w.FeeCcy + "-", StringComparison.Ordinal) && !IsQuote(w.InstId, w.FeeCcy))
            fee *= avgPx;
        return new ExchangeOrder(
            w.OrdId, w.ClOrdId, w.InstId, Side(w.Side), PosSide(w.PosSide), OrdType(w.OrdType),
            OkxJson.Decimal(w.Sz, "sz"), OkxJson.NullableDecimal(w.Px, "px"),
            OkxJson.Decimal(w.AccFillSz, "accFillSz"), avgPx, fee, State(w.State),
            OkxJson.Long(w.CTime, "cTime"), OkxJson.Long(w.UTime, "uTime"));
    }

    public static ExchangeFill ToFill(OkxFillWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var time = w.FillTime.Length > 0 ? w.FillTime : w.Ts;
        return new ExchangeFill(
            w.TradeId, w.OrdId, w.ClOrdId, w.InstId, Side(w.Side), PosSide(w.PosSide),
            OkxJson.Decimal(w.FillSz, "fillSz"), OkxJson.Decimal(w.FillPx, "fillPx"),
            -OkxJson.Decimal(w.Fee, "fee"), w.FeeCcy, OkxJson.Long(time, "fillTime"));
    }

    /// <summary>
    /// The execution an orders-channel push carries, or null when the push is not about a fill (a new or cancelled
    /// order: fillSz is "" or "0"). Liquidations are recognised by the order's category.
    /// </summary>
    public static ExchangeFill? ToFill(OkxOrderPushWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var size = OkxJson.Decimal(w.FillSz, "fillSz");
        if (size == 0m || w.TradeId.Length == 0)
            return null;
        return new ExchangeFill(
            w.TradeId, w.OrdId, w.ClOrdId, w.InstId, Side(w.Side), PosSide(w.PosSide), size,
            OkxJson.Decimal(w.FillPx, "fillPx"), -OkxJson.Decimal(w.FillFee, "fillFee"), w.FillFeeCcy,
            OkxJson.Long(w.FillTime, "fillTime"),
            IsLiquidation: w.Category.Contains("liquidation", StringComparison.Ordinal));
    }

    public static ExchangePosition ToPosition(OkxPositionWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var pos = OkxJson.Decimal(w.Pos, "pos");
        var side = w.PosSide == "net" ? (pos < 0m ? PositionSide.Short : PositionSide.Long) : PosSide(w.PosSide);
        var margin = w.MgnMode == "cross" ? OkxJson.Decimal(w.Imr, "imr") : OkxJson.Decimal(w.Margin, "margin");
        return new ExchangePosition(
            w.InstId, side, Math.Abs(pos), OkxJson.Decimal(w.AvgPx, "avgPx"), OkxJson.Decimal(w.Lever, "lever"),
            OkxJson.Decimal(w.LiqPx, "liqPx"), margin, OkxJson.Decimal(w.Upl, "upl"));
    }

    /// <summary>One balance per currency: Total = cashBal (frozen included), Available = availBal, Frozen = frozenBal.</summary>
    public static IReadOnlyList<ExchangeBalance> ToBalances(OkxBalanceWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.Details.ConvertAll(d => new ExchangeBalance(
            d.Ccy, OkxJson.Decimal(d.CashBal, "cashBal"), OkxJson.Decimal(d.AvailBal, "availBal"),
            OkxJson.Decimal(d.FrozenBal, "frozenBal")));
    }

    /// <summary>
    /// An instrument. OKX's instruments endpoint carries no fees or maintenance margin: those of a known instrument
    /// (<see cref="Instrument.All"/>, OKX's Lv1 defaults) are kept; an unknown one gets the Lv1 defaults of its kind.
    /// </summary>
    public static Instrument ToInstrument(OkxInstrumentWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var kind = w.InstType switch
        {
            "SPOT" => InstrumentKind.Spot,
            "SWAP" => InstrumentKind.Swap,
            _ => throw OkxJson.Malformed($"instType '{OkxJson.Truncate(w.InstType)}' is not SPOT or SWAP"),
        };
        var known = Instrument.All.FirstOrDefault(i => i.InstId == w.InstId)
                    ?? (kind == InstrumentKind.Spot ? Instrument.BtcUsdt : Instrument.BtcUsdtSwap);
        return kind == InstrumentKind.Spot
            ? new Instrument(w.InstId, kind, w.BaseCcy, w.QuoteCcy, 1m, OkxJson.Decimal(w.LotSz, "lotSz"),
                OkxJson.Decimal(w.MinSz, "minSz"), OkxJson.Decimal(w.TickSz, "tickSz"),
                known.MakerFeeRate, known.TakerFeeRate, 0m)
            : new Instrument(w.InstId, kind, w.CtValCcy, w.SettleCcy, OkxJson.Decimal(w.CtVal, "ctVal"),
                OkxJson.Decimal(w.LotSz, "lotSz"), OkxJson.Decimal(w.MinSz, "minSz"), OkxJson.Decimal(w.TickSz, "tickSz"),
                known.MakerFeeRate, known.TakerFeeRate, known.MaintenanceMarginRate);
    }

    /// <summary>
    /// One candle row [ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm]. The candle's volume is in the base currency
    /// (as the shipped files): vol for spot, volCcy for swaps (whose vol counts contracts).
    /// </summary>
    public static OkxCandle ToCandle(IReadOnlyList<string> row, InstrumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Count < 7)
            throw OkxJson.Malformed($"a candle has {row.Count} values, not at least 7");
        var volume = kind == InstrumentKind.Swap ? OkxJson.Decimal(row[6], "volCcy") : OkxJson.Decimal(row[5], "vol");
        var candle = new Candle(OkxJson.Long(row[0], "ts"), OkxJson.Decimal(row[1], "o"), OkxJson.Decimal(row[2], "h"),
            OkxJson.Decimal(row[3], "l"), OkxJson.Decimal(row[4], "c"), volume);
        return new OkxCandle(candle, row.Count < 9 || row[8] != "0");
    }

    private static bool IsQuote(string instId, string ccy)
    {
        var parts = instId.Split('-');
        return parts.Length > 1 && parts[1] == ccy;
    }
}
