using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery.Reconciliation;

namespace Prometheus.Engine.Recovery;

/// <summary>
/// What a person decides: a way out of a block (align the ledger to the exchange, close the exchange position, or
/// flatten both), and what becomes of an orphan (adopted by an agent, closed on the exchange, or dismissed). Every
/// decision is audited with who made it; a block's choice is checked at once by a deep reconciliation.
/// </summary>
public sealed partial class ReconciliationCoordinator
{
    public async Task<ReconciliationResult> DecideAsync(string itemId, string choice, string actor, CancellationToken ct = default)
    {
        if (!_blocks.TryGetValue(itemId, out var block))
            throw new ReconciliationDecisionException(_items.ContainsKey(itemId)
                ? $"item {itemId} is not awaiting a decision"
                : $"there is no item {itemId}");
        var picked = block.Choices.FirstOrDefault(c => c.Name == choice)
            ?? throw new ReconciliationDecisionException($"choice must be one of {string.Join(", ", block.Choices.Select(c => c.Name))} (was '{choice}')");
        var lookups = new Dictionary<string, ExchangeOrder?>(StringComparer.Ordinal);
        var done = new List<string>();
        foreach (var correction in picked.Corrections)
            if (await ApplyAsync(correction, lookups, ct) is { } what) done.Add(what);
        _blocks.Remove(itemId);
        if (_items.TryGetValue(itemId, out var item))
        {
            _items[itemId] = item with { Resolved = true, Correction = $"{actor} chose {picked.Name}: {picked.Description}" };
            _known.Add(itemId);
            _store?.SaveItems([_items[itemId]], new HashSet<string>());
        }
        if (_store is not null)
            await _store.AuditAsync(actor, "decide", $"{itemId}: {picked.Name} ({picked.Description}){(done.Count > 0 ? $"; {string.Join("; ", done)}" : "")}", ct);
        // The choice's fills and the positions it leaves are checked at once; a block that still stands is raised again.
        return await RunAsync(ReconciliationLevel.Deep, ct);
    }

    /// <summary>Books the orphan to a living agent trading its instrument, as that agent's trade (origin Outside).</summary>
    public async Task AdoptAsync(string orphanId, int agentId, string actor, CancellationToken ct = default)
    {
        var orphan = OpenOrphan(orphanId);
        if (!_supervisor.Agents.TryGetValue(agentId, out var agent) || !agent.IsAlive)
            throw new ReconciliationDecisionException($"agent {agentId} is not a living agent");
        if (agent.Instrument.InstId != orphan.InstId)
            throw new ReconciliationDecisionException($"agent {agentId} trades {agent.Instrument.InstId}, not {orphan.InstId}: adopt it by an agent of that instrument");
        if (agent.Instrument.Kind == InstrumentKind.Spot && orphan.PosSide != PositionSide.Long)
            throw new ReconciliationDecisionException("a spot orphan can only be long");
        var size = Math.Abs(orphan.Delta);
        var opening = orphan.Delta > 0m;
        var ledger = _supervisor.Ledger.Private(agentId);
        if (opening)
        {
            var leverage = agent.Instrument.Kind == InstrumentKind.Spot ? 1m : _supervisor.SwapLeverage;
            var cost = agent.Instrument.Notional(size, orphan.Price) / leverage + orphan.Fee;
            if (cost > ledger.Available)
                throw new ReconciliationDecisionException($"agent {agentId} has {ledger.Available:0.##} available, the orphan needs {cost:0.##}");
        }
        else if ((ledger.Position(agent.Instrument, orphan.PosSide)?.Amount ?? 0m) < size)
            throw new ReconciliationDecisionException($"the orphan closes {size} {orphan.PosSide.ToString().ToLowerInvariant()} that agent {agentId} does not hold");

        var side = (opening, orphan.PosSide) switch
        {
            (true, PositionSide.Long) or (false, PositionSide.Short) => OrderSide.Buy,
            _ => OrderSide.Sell,
        };
        var tradeId = orphan.TradeId is { } fill ? $"{fill}-a{agentId}" : $"{ReconciliationIds.SyntheticPrefix}adopt-{orphan.Id}-a{agentId}";
        _supervisor.BookCorrection(agentId, new ExchangeFill(tradeId, orphan.OrdId, orphan.ClOrdId, orphan.InstId, side, orphan.PosSide, size,
            orphan.Price, orphan.Fee, "USDT", orphan.TimestampMs), TradeOrigin.Outside, 0);
        await DecideOrphanAsync(orphan with { Status = OrphanStatus.Adopted }, agentId, actor, $"adopted by agent {agentId} ({tradeId})", ct);
    }

    /// <summary>Closes the orphan's exposure on the exchange with a market order of its own (whose fill is recorded as resolved).</summary>
    public async Task CloseOrphanAsync(string orphanId, string actor, CancellationToken ct = default)
    {
        var orphan = OpenOrphan(orphanId);
        if (orphan.Delta <= 0m)
            throw new ReconciliationDecisionException("this orphan took exposure away from the position: there is nothing of it to close; adopt or dismiss it");
        var request = new OrderRequest(orphan.InstId, ReconciliationIds.OrphanCloseClOrdId(orphan.Id),
            orphan.PosSide == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy, orphan.PosSide, OrderType.Market, orphan.Delta);
        var ack = await _supervisor.PlaceOutsideOrderAsync(request, ct);
        if (!ack.Accepted)
            throw new ReconciliationDecisionException($"the exchange refused the closing order: {ack.Code} {ack.Message}");
        await DecideOrphanAsync(orphan with { Status = OrphanStatus.Closed }, null, actor, $"closed on the exchange by order {ack.OrdId} ({request.ClOrdId})", ct);
        await RunAsync(ReconciliationLevel.Deep, ct);
    }

    /// <summary>Leaves the exposure where it is and stops asking about it.</summary>
    public Task DismissAsync(string orphanId, string actor, CancellationToken ct = default) =>
        DecideOrphanAsync(OpenOrphan(orphanId) with { Status = OrphanStatus.Dismissed }, null, actor, "dismissed", ct);

    private OrphanRecord OpenOrphan(string orphanId)
    {
        if (!_orphans.TryGetValue(orphanId, out var kept))
            throw new ReconciliationDecisionException($"there is no orphan {orphanId}");
        if (kept.Orphan.Status != OrphanStatus.Open)
            throw new ReconciliationDecisionException($"orphan {orphanId} was {kept.Orphan.Status.ToString().ToLowerInvariant()} already");
        return kept.Orphan;
    }

    private async Task DecideOrphanAsync(OrphanRecord orphan, int? agentId, string actor, string what, CancellationToken ct)
    {
        _orphans[orphan.Id] = (orphan, agentId);
        _store?.SaveOrphan(orphan, agentId);
        if (_items.TryGetValue(orphan.Id, out var item))
        {
            _items[orphan.Id] = item with { Resolved = true, Correction = $"{actor}: {what}" };
            _store?.SaveItems([_items[orphan.Id]], new HashSet<string>());
        }
        if (_store is not null)
            await _store.AuditAsync(actor, $"orphan-{orphan.Status.ToString().ToLowerInvariant()}", $"{orphan.Id}: {what}", ct);
    }
}

/// <summary>A person's decision the engine cannot carry out as asked: the message says why.</summary>
public sealed class ReconciliationDecisionException(string message) : Exception(message);
