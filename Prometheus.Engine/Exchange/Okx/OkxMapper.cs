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

    /// <summary>
    /// A funding bill (type 8, subType 173 expense or 174 income) of <paramref name="instrument"/>. Its side is the bill's
    /// posSide when it has one (exchange-sim's extension), else inferred by <see cref="FundingSide"/> from the sign of
    /// balChg against <paramref name="rate"/>, the rate settled at that funding time. The rate is
    /// <paramref name="rate"/> when known, else |balChg| / (sz × ctVal × px) with the sign of what the side paid. The
    /// funding time is the 8-hour boundary at or before ts (OKX stamps a bill when it settles, at or just after it).
    /// </summary>
    /// <exception cref="OkxApiException">MalformedResponse: not a funding bill of this instrument, a field that is not
    /// a number, a sign that contradicts its subType, or no side that can be told (no posSide and no rate).</exception>
    public static FundingBill ToFundingBill(OkxBillWire w, Instrument instrument, decimal? rate)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(instrument);
        if (w.Type != "8" || w.SubType is not ("173" or "174"))
            throw OkxJson.Malformed($"bill {OkxJson.Truncate(w.BillId)} is type {OkxJson.Truncate(w.Type)}/{OkxJson.Truncate(w.SubType)}, not funding (8/173 or 8/174)");
        if (w.BillId.Length == 0 || w.InstId != instrument.InstId || w.Ccy.Length == 0)
            throw OkxJson.Malformed($"funding bill '{OkxJson.Truncate(w.BillId)}' of '{OkxJson.Truncate(w.InstId)}' in '{OkxJson.Truncate(w.Ccy)}' is not of {instrument.InstId}");
        var change = OkxJson.Decimal(w.BalChg, "balChg");
        var size = OkxJson.Decimal(w.Sz, "sz");
        var mark = OkxJson.Decimal(w.Px, "px");
        var ts = OkxJson.Long(w.Ts, "ts");
        if (size <= 0m || mark <= 0m || ts <= 0)
            throw OkxJson.Malformed($"funding bill {w.BillId}: sz {OkxJson.Truncate(w.Sz)}, px {OkxJson.Truncate(w.Px)} and ts {OkxJson.Truncate(w.Ts)} must be positive");
        if ((w.SubType == "173" && change > 0m) || (w.SubType == "174" && change < 0m))
            throw OkxJson.Malformed($"funding bill {w.BillId}: balChg {change} contradicts subType {w.SubType}");

        PositionSide side;
        if (w.PosSide is "long" or "short")
            side = w.PosSide == "long" ? PositionSide.Long : PositionSide.Short;
        else if (w.PosSide is not ("" or "net"))
            throw OkxJson.Malformed($"funding bill {w.BillId}: posSide '{OkxJson.Truncate(w.PosSide)}' is not long, short or net");
        else if (rate is not { } known)
            throw OkxJson.Malformed($"funding bill {w.BillId} carries no posSide and no funding rate of {instrument.InstId} is known for it: its side cannot be told");
        else if (FundingSide(change, known) is { } inferred)
            side = inferred;
        else if (change == 0m)
            side = PositionSide.Long;   // nothing changed hands: the side is immaterial
        else
            throw OkxJson.Malformed($"funding bill {w.BillId}: balChg {change} at a zero funding rate");

        var applied = rate ?? decimal.Round((side == PositionSide.Long ? -change : change) / instrument.Notional(size, mark), 12, MidpointRounding.AwayFromZero);
        return new FundingBill(w.BillId, w.InstId, side, FundingRates.AtOrBefore(ts), size, mark, applied, change, w.Ccy,
            OkxJson.NullableDecimal(w.Bal, "bal"));
    }

    /// <summary>
    /// Which side a funding payment was on, from its sign against the rate: a long pays a positive rate (balChg &lt; 0)
    /// and receives a negative one; a short the reverse. Null when either is zero (nothing tells the sides apart).
    /// </summary>
    public static PositionSide? FundingSide(decimal balanceChange, decimal rate) =>
        balanceChange == 0m || rate == 0m ? null
        : (balanceChange < 0m) == (rate > 0m) ? PositionSide.Long : PositionSide.Short;

    /// <summary>A settled funding rate: the realized rate (what positions paid) when OKX gives one, else the published rate.</summary>
    public static FundingRate ToFundingRate(OkxFundingRateWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var time = OkxJson.Long(w.FundingTime, "fundingTime");
        if (!FundingRates.IsFundingTime(time) || time <= 0)
            throw OkxJson.Malformed($"fundingTime {OkxJson.Truncate(w.FundingTime)} is not an 8-hour funding time");
        var rate = w.RealizedRate.Length > 0 ? OkxJson.Decimal(w.RealizedRate, "realizedRate") : OkxJson.Decimal(w.FundingRate, "fundingRate");
        return new FundingRate(time, rate, Recorded: true);
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
    /// An instrument. OKX's instruments endpoint carries no fees or maintenance margin: those of the configured
    /// instrument (<paramref name="known"/>: the catalog) are kept; an unknown one gets those of the catalog's first of its kind.
    /// Spot is traded with cash, so its leverage is 1 whatever margin trading the venue offers.
    /// </summary>
    public static Instrument ToInstrument(OkxInstrumentWire w, InstrumentCatalog known)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(w);
        var kind = w.InstType switch
        {
            "SPOT" => InstrumentKind.Spot,
            "SWAP" => InstrumentKind.Swap,
            _ => throw OkxJson.Malformed($"instType '{OkxJson.Truncate(w.InstType)}' is not SPOT or SWAP"),
        };
        var fees = known.TryGet(w.InstId) ?? known.FirstOrDefault(i => i.Kind == kind)
                   ?? throw OkxJson.Malformed($"no {kind} instrument is configured to take fees from for {OkxJson.Truncate(w.InstId)}");
        return kind == InstrumentKind.Spot
            ? new Instrument(Venue, w.InstId, kind, w.BaseCcy, w.QuoteCcy, 1m, OkxJson.Decimal(w.LotSz, "lotSz"),
                OkxJson.Decimal(w.MinSz, "minSz"), OkxJson.Decimal(w.TickSz, "tickSz"), 1m,
                fees.MakerFeeRate, fees.TakerFeeRate, 0m)
            : new Instrument(Venue, w.InstId, kind, w.CtValCcy, w.SettleCcy, OkxJson.Decimal(w.CtVal, "ctVal"),
                OkxJson.Decimal(w.LotSz, "lotSz"), OkxJson.Decimal(w.MinSz, "minSz"), OkxJson.Decimal(w.TickSz, "tickSz"),
                OkxJson.Decimal(w.Lever, "lever"), fees.MakerFeeRate, fees.TakerFeeRate, fees.MaintenanceMarginRate);
    }

    /// <summary>The venue's name in instrument ids (okx:BTC-USDT-SWAP).</summary>
    public const string Venue = "okx";

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
