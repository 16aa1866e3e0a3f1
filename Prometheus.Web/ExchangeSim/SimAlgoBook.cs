using System.Text.Json;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// exchange-sim's attached stop-loss / take-profit orders, kept in &lt;DataDir&gt;/exchange-sim-algos.json beside the
/// exchange's store and written (to a temporary file, flushed, then renamed over the old one) before the order that
/// carries them is sent: an acknowledged order's protection survives a crash. An algo whose parent order the exchange
/// never took is dropped on load. Called under the server's lock.
/// </summary>
public sealed class SimAlgoBook
{
    public const string FileName = "exchange-sim-algos.json";
    private readonly string _path;
    private readonly List<SimAlgoOrder> _algos;
    private long _lastId;

    public SimAlgoBook(string dataDir)
    {
        _path = Path.Combine(dataDir, FileName);
        _algos = File.Exists(_path) ? JsonSerializer.Deserialize<List<SimAlgoOrder>>(File.ReadAllText(_path)) ?? [] : [];
        _lastId = _algos.Count == 0 ? 0 : _algos.Max(a => long.Parse(a.AlgoId, System.Globalization.CultureInfo.InvariantCulture));
    }

    public IReadOnlyList<SimAlgoOrder> All => _algos;

    /// <summary>
    /// Reads attachAlgoOrds[0] of an order item (its shape already checked): slTriggerPx/tpTriggerPx, positive decimals
    /// up to <see cref="SimulatedExchange.MaxOrderPrice"/> (market close only: slOrdPx/tpOrdPx -1).
    /// </summary>
    public static (decimal? StopLoss, decimal? TakeProfit, string? Error) Read(JsonElement item)
    {
        if (!item.TryGetProperty("attachAlgoOrds", out var algos) || algos.ValueKind != JsonValueKind.Array || algos.GetArrayLength() == 0)
            return (null, null, null);
        if (algos.GetArrayLength() > 1)
            return (null, null, "Parameter attachAlgoOrds error: one stop-loss/take-profit pair per order here.");
        var algo = algos[0];
        decimal? sl = null, tp = null;
        foreach (var name in (ReadOnlySpan<string>)["slTriggerPx", "tpTriggerPx"])
        {
            if (SimHttp.Field(algo, name) is not { Length: > 0 } text)
                continue;
            if (!SimHttp.TryDecimal(text, out var trigger) || trigger <= 0m || trigger > SimulatedExchange.MaxOrderPrice)
                return (null, null, $"Parameter {name} error");
            if (name == "slTriggerPx")
                sl = trigger;
            else
                tp = trigger;
        }
        if (sl is null && tp is null)
            return (null, null, "Parameter attachAlgoOrds error: slTriggerPx or tpTriggerPx is required.");
        foreach (var name in (ReadOnlySpan<string>)["slOrdPx", "tpOrdPx"])
        {
            if (SimHttp.Field(algo, name) is { } px && px != "-1")
                return (null, null, $"Parameter {name} error: the simulated exchange closes at market (-1) only.");
        }
        return (sl, tp, null);
    }

    /// <summary>Records (durably) an algo for the order about to be placed with <paramref name="clOrdId"/>.</summary>
    public SimAlgoOrder Add(string instId, string clOrdId, OrderSide side, PositionSide posSide, decimal? stopLoss, decimal? takeProfit)
    {
        var algo = new SimAlgoOrder((++_lastId).ToString(System.Globalization.CultureInfo.InvariantCulture), instId, clOrdId, side, posSide, stopLoss, takeProfit);
        _algos.Add(algo);
        Save();
        return algo;
    }

    public void Remove(SimAlgoOrder algo)
    {
        _algos.Remove(algo);
        Save();
    }

    /// <summary>Drops algos whose parent order the exchange does not know (placed, then crashed before the order was).</summary>
    public void DropOrphans(SimulatedExchange exchange)
    {
        if (_algos.RemoveAll(a => exchange.GetOrderAsync(a.InstId, null, a.ParentClOrdId).Result is null) > 0)
            Save();
    }

    /// <summary>
    /// After a bar: each waiting algo whose parent has filled and whose trigger the bar reached closes the parent's
    /// filled size (capped by what is still open) with a reduce-only market order, clOrdId "algo{id}".
    /// </summary>
    /// <param name="barOf">The bar that just closed for an instrument (each instrument its own in a replay of several series).</param>
    public void OnBar(SimulatedExchange exchange, Func<string, Candle> barOf)
    {
        var changed = false;
        for (var i = 0; i < _algos.Count; i++)
        {
            var algo = _algos[i];
            if (algo.Done || exchange.GetOrderAsync(algo.InstId, null, algo.ParentClOrdId).Result is not { } parent)
                continue;
            if (parent is { State: OrderState.Canceled, FilledSize: 0m })
            {
                _algos[i] = algo with { Done = true };
                changed = true;
                continue;
            }
            var bar = barOf(algo.InstId);
            if (parent.FilledSize == 0m || !algo.TriggeredBy(bar.Low, bar.High))
                continue;
            var instrument = exchange.Instruments.First(i => i.InstId == algo.InstId);
            var open = instrument.Kind == InstrumentKind.Swap
                ? exchange.AvailableToClose(algo.InstId, algo.PosSide)
                : exchange.GetBalancesAsync().Result.FirstOrDefault(b => b.Ccy == instrument.BaseCcy)?.Available ?? 0m;
            var size = instrument.RoundDownToLot(Math.Min(parent.FilledSize, open));
            if (size >= instrument.MinSize)
            {
                exchange.PlaceOrderAsync(new OrderRequest(algo.InstId, "algo" + algo.AlgoId, algo.CloseSide, algo.PosSide, OrderType.Market,
                    size, null, ReduceOnly: instrument.Kind == InstrumentKind.Swap));
            }
            _algos[i] = algo with { Done = true };
            changed = true;
        }
        if (changed)
            Save();
    }

    /// <summary>The attachAlgoOrds of an order as OKX lists them on the order.</summary>
    public List<OkxAttachAlgoOrdWire> For(string instId, string clOrdId) =>
        _algos.Where(a => a.InstId == instId && a.ParentClOrdId == clOrdId && clOrdId.Length > 0)
            .Select(a => new OkxAttachAlgoOrdWire
            {
                AttachAlgoId = a.AlgoId,
                SlTriggerPx = OkxJson.Format(a.StopLoss),
                SlOrdPx = a.StopLoss is null ? "" : "-1",
                SlTriggerPxType = a.StopLoss is null ? "" : "last",
                TpTriggerPx = OkxJson.Format(a.TakeProfit),
                TpOrdPx = a.TakeProfit is null ? "" : "-1",
                TpTriggerPxType = a.TakeProfit is null ? "" : "last",
            })
            .ToList();

    private void Save()
    {
        var temporary = _path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, _algos);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, _path, overwrite: true);
    }
}
