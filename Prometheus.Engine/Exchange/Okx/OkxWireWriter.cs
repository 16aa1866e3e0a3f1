using System.Globalization;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// The exchange port's records written as OKX writes them (exchange-sim answers with these): the same field names
/// as the recorded OKX payloads, numbers as strings, "" for what the simulated exchange does not know.
/// <see cref="OkxMapper"/> reads them back to the same records.
/// </summary>
public static class OkxWireWriter
{
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    /// <summary>Spot orders and fills carry "net", as OKX writes them; swaps long or short.</summary>
    public static string PosSide(PositionSide side, InstrumentKind kind) =>
        kind == InstrumentKind.Spot ? "net" : side == PositionSide.Long ? "long" : "short";

    public static string OrdType(OrderType type) => type == OrderType.Market ? "market" : "limit";

    public static string State(OrderState state) => state switch
    {
        OrderState.Live => "live",
        OrderState.PartiallyFilled => "partially_filled",
        OrderState.Filled => "filled",
        _ => "canceled",
    };

    public static string InstType(Instrument instrument) => instrument.Kind == InstrumentKind.Spot ? "SPOT" : "SWAP";

    /// <param name="lastFill">The order's latest execution (fillPx, fillSz, fillTime, tradeId), if any.</param>
    /// <param name="marginMode">tdMode of a swap order (spot orders trade cash).</param>
    public static OkxOrderWire Order(ExchangeOrder o, Instrument instrument, decimal leverage, string marginMode, string feeCcy, ExchangeFill? lastFill = null) =>
        WriteOrder(new OkxOrderWire(), o, instrument, leverage, marginMode, feeCcy, lastFill);

    /// <summary>An orders-channel push: the order, plus the execution that caused it (or none: a new or cancelled order).</summary>
    public static OkxOrderPushWire OrderPush(ExchangeOrder o, Instrument instrument, decimal leverage, string marginMode, string feeCcy, ExchangeFill? fill)
    {
        var w = WriteOrder(new OkxOrderPushWire(), o, instrument, leverage, marginMode, feeCcy, fill);
        w.Code = "0";
        w.ExecType = fill is null ? "" : o.Type == OrderType.Limit && o.Price == fill.Price ? "M" : "T";
        w.FillFee = fill is null ? "0" : OkxJson.Format(-fill.Fee);
        w.FillFeeCcy = fill?.FeeCcy ?? "";
        w.FillNotionalUsd = fill is null ? "" : OkxJson.Format(instrument.Notional(fill.Size, fill.Price));
        w.FillPnl = "0";
        w.NotionalUsd = OkxJson.Format(instrument.Notional(o.Size, o.Price ?? (fill?.Price ?? 0m)));
        return w;
    }

    private static T WriteOrder<T>(T w, ExchangeOrder o, Instrument instrument, decimal leverage, string marginMode, string feeCcy, ExchangeFill? lastFill)
        where T : OkxOrderWire
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(instrument);
        var spot = instrument.Kind == InstrumentKind.Spot;
        w.AccFillSz = OkxJson.Format(o.FilledSize);
        w.AvgPx = o.FilledSize > 0m ? OkxJson.Format(o.AveragePrice) : "";
        w.CTime = OkxJson.Format(o.CreatedMs);
        // A liquidation is the exchange's own order: no clOrdId, and the fill says so.
        w.Category = lastFill?.IsLiquidation == true ? "full_liquidation" : "normal";
        w.ClOrdId = o.ClOrdId;
        w.Fee = OkxJson.Format(-o.Fee);
        w.FeeCcy = feeCcy;
        w.FillPx = lastFill is null ? "" : OkxJson.Format(lastFill.Price);
        w.FillSz = lastFill is null ? "0" : OkxJson.Format(lastFill.Size);
        w.FillTime = lastFill is null ? "" : OkxJson.Format(lastFill.TimestampMs);
        w.InstId = o.InstId;
        w.InstType = InstType(instrument);
        w.IsTpLimit = "false";
        w.Lever = spot ? "" : OkxJson.Format(leverage);
        w.OrdId = o.OrdId;
        w.OrdType = OrdType(o.Type);
        w.Pnl = "0";
        w.PosSide = PosSide(o.PosSide, instrument.Kind);
        w.Px = OkxJson.Format(o.Price);
        w.Rebate = "0";
        w.RebateCcy = instrument.QuoteCcy;
        w.ReduceOnly = "false";
        w.Side = Side(o.Side);
        w.State = State(o.State);
        w.Sz = OkxJson.Format(o.Size);
        w.TdMode = spot ? "cash" : marginMode;
        w.TgtCcy = spot && o.Type == OrderType.Market ? "base_ccy" : "";
        w.TradeId = lastFill?.TradeId ?? "";
        w.UTime = OkxJson.Format(o.UpdatedMs);
        return w;
    }

    public static OkxFillWire Fill(ExchangeFill f, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(instrument);
        var notional = instrument.Notional(f.Size, f.Price);
        return new OkxFillWire
        {
            Side = Side(f.Side),
            FillSz = OkxJson.Format(f.Size),
            FillPx = OkxJson.Format(f.Price),
            Fee = OkxJson.Format(-f.Fee),
            FillPnl = "0",
            OrdId = f.OrdId,
            FeeRate = notional == 0m ? "" : OkxJson.Format(decimal.Round(-f.Fee / notional, 6)),
            InstType = InstType(instrument),
            InstId = f.InstId,
            ClOrdId = f.ClOrdId,
            PosSide = PosSide(f.PosSide, instrument.Kind),
            BillId = f.TradeId,
            FillTime = OkxJson.Format(f.TimestampMs),
            TradeId = f.TradeId,
            FeeCcy = f.FeeCcy,
            Ts = OkxJson.Format(f.TimestampMs),
        };
    }

    public static OkxPositionWire Position(ExchangePosition p, Instrument instrument, string marginMode, decimal markPrice, long updatedMs, decimal availableToClose)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(instrument);
        var notional = instrument.Notional(p.Size, markPrice);
        var isolated = marginMode == "isolated";
        return new OkxPositionWire
        {
            Adl = "1",
            AvailPos = OkxJson.Format(availableToClose),
            AvgPx = OkxJson.Format(p.AveragePrice),
            CTime = OkxJson.Format(updatedMs),
            Ccy = instrument.QuoteCcy,
            Imr = isolated ? "" : OkxJson.Format(p.Margin),
            InstId = p.InstId,
            InstType = InstType(instrument),
            Last = OkxJson.Format(markPrice),
            Lever = OkxJson.Format(p.Leverage),
            LiqPx = OkxJson.Format(p.LiquidationPrice),
            Margin = isolated ? OkxJson.Format(p.Margin) : "",
            MarkPx = OkxJson.Format(markPrice),
            MgnMode = marginMode,
            Mmr = OkxJson.Format(decimal.Round(notional * instrument.MaintenanceMarginRate, 8)),
            NotionalUsd = OkxJson.Format(notional),
            Pnl = "0",
            Pos = OkxJson.Format(p.Size),
            PosId = PositionId(p.InstId, p.PosSide),
            PosSide = PosSide(p.PosSide, instrument.Kind),
            UTime = OkxJson.Format(updatedMs),
            Upl = OkxJson.Format(p.UnrealizedPnl),
            UplLastPx = OkxJson.Format(p.UnrealizedPnl),
            UplRatio = p.Margin == 0m ? "0" : OkxJson.Format(decimal.Round(p.UnrealizedPnl / p.Margin, 8)),
            UplRatioLastPx = p.Margin == 0m ? "0" : OkxJson.Format(decimal.Round(p.UnrealizedPnl / p.Margin, 8)),
        };
    }

    /// <param name="usdPrice">The USDT price of a currency (1 for USDT).</param>
    /// <param name="isolatedEquity">Margin plus unrealised PnL of isolated positions, per settlement currency.</param>
    /// <param name="cross">The cross positions' figures, in their settlement currency; null when the account has none.</param>
    public static OkxBalanceWire Balance(IReadOnlyList<ExchangeBalance> balances, Func<string, decimal> usdPrice,
        IReadOnlyDictionary<string, decimal> isolatedEquity, long updatedMs, OkxCrossFigures? cross = null)
    {
        ArgumentNullException.ThrowIfNull(balances);
        var details = new List<OkxBalanceDetailWire>(balances.Count);
        var totalEq = 0m;
        var totalIso = 0m;
        foreach (var b in balances)
        {
            var iso = isolatedEquity.GetValueOrDefault(b.Ccy);
            var crossHere = cross is not null && cross.Ccy == b.Ccy ? cross : null;
            var eq = b.Total + iso + (crossHere?.MarginAndUpl ?? 0m);
            var eqUsd = eq * usdPrice(b.Ccy);
            totalEq += eqUsd;
            totalIso += iso * usdPrice(b.Ccy);
            details.Add(new OkxBalanceDetailWire
            {
                AvailBal = OkxJson.Format(b.Available), AvailEq = OkxJson.Format(b.Available), BorrowFroz = "0",
                CashBal = OkxJson.Format(b.Total), Ccy = b.Ccy, CrossLiab = "0", DisEq = OkxJson.Format(eqUsd),
                Eq = OkxJson.Format(eq), EqUsd = OkxJson.Format(eqUsd), FixedBal = "0", FrozenBal = OkxJson.Format(b.Frozen),
                Interest = "0", IsoEq = OkxJson.Format(iso), IsoLiab = "0", IsoUpl = "0", Liab = "0", MaxLoan = "0",
                OrdFrozen = OkxJson.Format(b.Frozen), SmtSyncEq = "0", SpotCopyTradingEq = "0", SpotIsoBal = "0", StgyEq = "0",
                Twap = "0", UTime = OkxJson.Format(updatedMs), Upl = "0", UplLiab = "0", CollateralEnabled = true,
                Imr = crossHere is null ? "" : OkxJson.Format(crossHere.Initial),
                Mmr = crossHere is null ? "" : OkxJson.Format(crossHere.Maintenance),
                MgnRatio = crossHere?.MarginRatio is { } ratio ? OkxJson.Format(ratio) : "",
            });
        }
        return new OkxBalanceWire
        {
            Details = details, IsoEq = OkxJson.Format(totalIso), TotalEq = OkxJson.Format(totalEq),
            Imr = cross is null ? "" : OkxJson.Format(cross.Initial * usdPrice(cross.Ccy)),
            Mmr = cross is null ? "" : OkxJson.Format(cross.Maintenance * usdPrice(cross.Ccy)),
            MgnRatio = cross?.MarginRatio is { } accountRatio ? OkxJson.Format(accountRatio) : "",
            NotionalUsd = cross is null ? "" : OkxJson.Format(cross.Notional * usdPrice(cross.Ccy)),
            UTime = OkxJson.Format(updatedMs), Upl = "0", BorrowFroz = "0", OrdFroz = "0",
        };
    }

    public static OkxInstrumentWire Instrument(Instrument i, long listTimeMs)
    {
        ArgumentNullException.ThrowIfNull(i);
        var spot = i.Kind == InstrumentKind.Spot;
        return new OkxInstrumentWire
        {
            BaseCcy = spot ? i.BaseCcy : "",
            Category = "1",
            CtMult = spot ? "" : "1",
            CtType = spot ? "" : "linear",
            CtVal = spot ? "" : OkxJson.Format(i.ContractValue),
            CtValCcy = spot ? "" : i.BaseCcy,
            InstFamily = spot ? "" : $"{i.BaseCcy}-{i.QuoteCcy}",
            InstId = i.InstId,
            InstType = InstType(i),
            Lever = spot ? "10" : "100",
            ListTime = OkxJson.Format(listTimeMs),
            LotSz = OkxJson.Format(i.LotSize),
            MinSz = OkxJson.Format(i.MinSize),
            QuoteCcy = spot ? i.QuoteCcy : "",
            RuleType = "normal",
            SettleCcy = spot ? "" : i.QuoteCcy,
            State = "live",
            TickSz = OkxJson.Format(i.TickSize),
            Uly = spot ? "" : $"{i.BaseCcy}-{i.QuoteCcy}",
        };
    }

    /// <summary>[ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm]; the candle's volume is in the base currency.</summary>
    /// <summary>
    /// A funding bill as OKX writes one (type 8; subType 173 when paid, 174 when received), plus posSide, which OKX
    /// does not write: exchange-sim's extension, so that a client need not infer the side.
    /// </summary>
    public static OkxBillWire FundingBill(FundingBill b, string marginMode)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new OkxBillWire
        {
            BillId = b.BillId,
            InstType = "SWAP",
            InstId = b.InstId,
            Ccy = b.Ccy,
            MgnMode = marginMode,
            Type = "8",
            SubType = b.BalanceChange < 0m ? "173" : "174",
            BalChg = OkxJson.Format(b.BalanceChange),
            Bal = OkxJson.Format(b.BalanceAfter),
            Sz = OkxJson.Format(b.PositionSize),
            Px = OkxJson.Format(b.MarkPrice),
            Pnl = "0",
            Fee = "0",
            Ts = OkxJson.Format(b.FundingTimeMs),
            PosSide = b.PosSide == PositionSide.Long ? "long" : "short",
        };
    }

    /// <summary>One settled funding rate of <paramref name="instId"/> (realized = published: the simulated exchange applies the rate as is).</summary>
    public static OkxFundingRateWire FundingRate(string instId, FundingRate rate) => new()
    {
        InstType = "SWAP",
        InstId = instId,
        FormulaType = "withRate",
        FundingRate = OkxJson.Format(rate.Rate),
        RealizedRate = OkxJson.Format(rate.Rate),
        FundingTime = OkxJson.Format(rate.FundingTimeMs),
        Method = "current_period",
    };

    /// <summary>
    /// The funding of <paramref name="instId"/> at <paramref name="nowMs"/>: the coming settlement's rate and time, the
    /// time after it, and the last settled rate.
    /// </summary>
    public static OkxCurrentFundingRateWire CurrentFundingRate(string instId, FundingRate coming, FundingRate settled, long nextFundingTimeMs, long nowMs) => new()
    {
        InstType = "SWAP",
        InstId = instId,
        Method = "current_period",
        FormulaType = "withRate",
        FundingRate = OkxJson.Format(coming.Rate),
        NextFundingRate = "",
        FundingTime = OkxJson.Format(coming.FundingTimeMs),
        NextFundingTime = OkxJson.Format(nextFundingTimeMs),
        SettState = "settled",
        SettFundingRate = OkxJson.Format(settled.Rate),
        Ts = OkxJson.Format(nowMs),
    };

    public static string[] Candle(in Candle c, Instrument instrument, bool confirmed)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        // A bar of unknown volume (replayed from mark prices) is served as volume 0: OKX's fields have no "unknown".
        var volume = c.VolumeUnknown ? 0m : c.Volume;
        var quoteVolume = OkxJson.Format(decimal.Round(volume * c.Close, 8));
        var vol = instrument.Kind == InstrumentKind.Swap ? OkxJson.Format(volume / instrument.ContractValue) : OkxJson.Format(volume);
        var volCcy = instrument.Kind == InstrumentKind.Swap ? OkxJson.Format(volume) : quoteVolume;
        return
        [
            OkxJson.Format(c.TimestampMs), OkxJson.Format(c.Open), OkxJson.Format(c.High), OkxJson.Format(c.Low),
            OkxJson.Format(c.Close), vol, volCcy, quoteVolume, confirmed ? "1" : "0",
        ];
    }

    /// <summary>A mark price candle: [ts, o, h, l, c, confirm], as /market/mark-price-candles writes it.</summary>
    public static string[] MarkPriceCandle(in Candle c, bool confirmed) =>
    [
        OkxJson.Format(c.TimestampMs), OkxJson.Format(c.Open), OkxJson.Format(c.High), OkxJson.Format(c.Low),
        OkxJson.Format(c.Close), confirmed ? "1" : "0",
    ];

    /// <summary>A stable position id per (instrument, side), as OKX keeps one posId per position.</summary>
    public static string PositionId(string instId, PositionSide side)
    {
        var hash = 17L;
        foreach (var c in instId)
            hash = unchecked(hash * 31 + c);
        return (Math.Abs(hash % 1_000_000_000_000L) * 10 + (side == PositionSide.Long ? 1 : 2)).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// An account's cross margin figures in one settlement currency: MarginAndUpl = the cross positions' margin plus their
/// unrealised PnL (what their equity adds to the cash balance), Initial and Maintenance margin, MarginRatio = cross
/// equity / maintenance (null without cross positions), Notional.
/// </summary>
public sealed record OkxCrossFigures(string Ccy, decimal MarginAndUpl, decimal Initial, decimal Maintenance, decimal? MarginRatio, decimal Notional);
