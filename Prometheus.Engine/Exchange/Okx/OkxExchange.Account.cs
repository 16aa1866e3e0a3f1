using Prometheus.Engine.Exchange.Okx.Wire;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>Account: positions, balances, leverage, configuration, position mode, closing a position (funding bills: OkxExchange.Funding.cs).</summary>
public sealed partial class OkxExchange
{
    /// <summary>Open swap positions (pos ≠ 0).</summary>
    public async ValueTask<IReadOnlyList<ExchangePosition>> GetPositionsAsync(string? instId = null, CancellationToken ct = default)
    {
        var data = await _rest.GetAsync<OkxPositionWire>("/api/v5/account/positions",
            [new("instType", instId is null ? "SWAP" : null), new("instId", instId)], signed: true, ct).ConfigureAwait(false);
        return data.Where(p => OkxJson.Decimal(p.Pos, "pos") != 0m).Select(OkxMapper.ToPosition).ToList();
    }

    public async ValueTask<IReadOnlyList<ExchangeBalance>> GetBalancesAsync(CancellationToken ct = default)
    {
        var data = await _rest.GetAsync<OkxBalanceWire>("/api/v5/account/balance", [], signed: true, ct).ConfigureAwait(false);
        return data.Count == 0 ? [] : OkxMapper.ToBalances(data[0]);
    }

    /// <summary>POST /api/v5/account/set-leverage for (instId, posSide) in the configured margin mode. A refusal is an ack with OKX's code.</summary>
    public async ValueTask<OrderAck> SetLeverageAsync(string instId, PositionSide posSide, decimal leverage, CancellationToken ct = default)
    {
        var body = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instId"] = instId,
            ["lever"] = OkxJson.Format(leverage),
            ["mgnMode"] = _options.MarginMode,
        };
        // posSide applies to isolated margin in long_short_mode; a cross position shares one leverage.
        if (_options.MarginMode == "isolated")
            body["posSide"] = posSide == PositionSide.Long ? "long" : "short";
        try
        {
            await _rest.PostAsync<OkxLeverageWire>("/api/v5/account/set-leverage", body, idempotent: true, itemsCarryCodes: false, ct).ConfigureAwait(false);
            return new OrderAck("", null, "0", "");
        }
        catch (OkxApiException e) when (!e.IsTransient && e.Code.Length > 0)
        {
            return new OrderAck("", null, e.Code, e.OkxMessage);
        }
    }

    public async Task<OkxAccountConfigWire> GetAccountConfigAsync(CancellationToken ct = default)
    {
        var data = await _rest.GetAsync<OkxAccountConfigWire>("/api/v5/account/config", [], signed: true, ct).ConfigureAwait(false);
        return data.Count > 0 ? data[0] : throw OkxJson.Malformed("account config answered no data", "GET /api/v5/account/config");
    }

    /// <summary>long_short_mode (hedge, what the engine trades in) or net_mode. OKX refuses (59000) with open positions or orders.</summary>
    public async Task SetPositionModeAsync(string posMode, CancellationToken ct = default) =>
        await _rest.PostAsync<OkxPositionModeWire>("/api/v5/account/set-position-mode",
            new Dictionary<string, string> { ["posMode"] = posMode }, idempotent: true, itemsCarryCodes: false, ct).ConfigureAwait(false);

    /// <summary>
    /// POST /api/v5/trade/close-position: closes the whole (instId, posSide) position at market. Sent once (it moves
    /// money); closing a position that is gone answers 51023, harmlessly.
    /// </summary>
    public async Task<OrderAck> ClosePositionAsync(string instId, PositionSide posSide, string? clOrdId = null, CancellationToken ct = default)
    {
        var body = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["instId"] = instId,
            ["posSide"] = posSide == PositionSide.Long ? "long" : "short",
            ["mgnMode"] = _options.MarginMode,
        };
        if (!string.IsNullOrEmpty(clOrdId))
            body["clOrdId"] = clOrdId;
        try
        {
            var response = await _rest.PostAsync<OkxClosePositionWire>("/api/v5/trade/close-position", body, idempotent: false, itemsCarryCodes: false, ct)
                .ConfigureAwait(false);
            return new OrderAck(response.Data.Count > 0 ? response.Data[0].ClOrdId : clOrdId ?? "", null, "0", "");
        }
        catch (OkxApiException e) when (!e.IsTransient && e.Code.Length > 0)
        {
            return OrderAck.Reject(clOrdId ?? "", e.Code, e.OkxMessage);
        }
    }
}
