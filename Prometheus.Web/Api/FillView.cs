using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Web.Api;

/// <summary>
/// One booked fill as the API and the hub answer it. Sides read as on the exchange: <see cref="Side"/> buy or sell, with
/// <see cref="PosSide"/> long or short (a short is opened with sell/short and covered with buy/short); <see cref="Action"/>
/// is what the fill did to the agent's position (buy, sell, short, cover, add, add_short). <see cref="ExitReason"/> says
/// why a closing fill closed (see <see cref="TradeOriginExtensions.ExitReason"/>); null for a fill that opened or added.
/// </summary>
public sealed record FillView(
    long TradeId, int AgentId, string InstId, string Side, string PosSide, string Action, decimal Amount, decimal Price, decimal Fee,
    string OrdId, string ClOrdId, string ExchangeTradeId, long TimestampMs, DateTimeOffset At, double Confidence, decimal RealizedPnl,
    string Origin, string? ExitReason)
{
    public static FillView From(TradeRecord r) => new(
        r.TradeId, r.AgentId, r.InstId, OrderSideOf(r.Side), r.PosSide == PositionSide.Long ? "long" : "short", r.Side.ToWire(),
        r.Amount, r.Price, r.Fee, r.OrdId, r.ClOrdId, r.ExchangeTradeId, r.TimestampMs, DateTimeOffset.FromUnixTimeMilliseconds(r.TimestampMs),
        r.Confidence, r.RealizedPnl, r.Origin.ToString(), r.ExitReason());

    private static string OrderSideOf(TradeSide side) => side is TradeSide.Buy or TradeSide.Add or TradeSide.Cover ? "buy" : "sell";
}

/// <summary>GET /api/trades: one page of the public ledger (or one agent's), newest first.</summary>
public sealed record FillPage(int Total, int Skip, int Take, IReadOnlyList<FillView> Items);
