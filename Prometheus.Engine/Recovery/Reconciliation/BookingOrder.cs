using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Recovery.Reconciliation;

/// <summary>
/// Puts the bookings in an order the ledger can take. They are found in the exchange's order, but the books already
/// hold later bookings, and a ledger position never goes below zero: an old close booked onto a position a later
/// booked close already reduced would be cut short, and the books would end below what the replay says. So a close
/// that the books, as they will stand at that point, cannot take waits until the same agent's later openings on that
/// position are booked. Every other correction keeps its place.
/// It also says what each agent will hold once the bookings are applied in that order, by the ledger's own rule: that
/// is what the positions are compared with, since it is what the books will say (it differs from the replay only where
/// an agent closed more than it held, which the exchange took from the others).
/// </summary>
internal static class BookingOrder
{
    public static List<Correction> Arrange(IReadOnlyList<Correction> corrections, ReconciliationContext ctx,
        out Dictionary<(int AgentId, PositionKey Key), decimal> booksAfter)
    {
        var amounts = new Dictionary<(int, PositionKey), decimal>();
        foreach (var agent in ctx.Input.Ledger.Agents)
            foreach (var p in agent.Positions)
                amounts[(agent.AgentId, new PositionKey(p.InstId, p.PosSide))] = p.Amount;

        var ordered = new List<Correction>(corrections.Count);
        var waiting = new Dictionary<(int, PositionKey), Queue<BookingCorrection>>();
        foreach (var correction in corrections)
        {
            if (correction is not BookingCorrection booking || !ctx.Instruments.TryGetValue(booking.Fill.InstId, out var instrument))
            {
                ordered.Add(correction);
                continue;
            }
            var key = (booking.AgentId, new PositionKey(booking.Fill.InstId, booking.Fill.PosSide));
            var held = amounts.GetValueOrDefault(key);
            if (ReconciliationContext.IsOpening(instrument, booking.Fill.Side, booking.Fill.PosSide))
            {
                amounts[key] = held + booking.Fill.Size;
                ordered.Add(booking);
                if (waiting.TryGetValue(key, out var queue))
                    Release(queue, key, amounts, ordered);
            }
            else if (held >= booking.Fill.Size && !(waiting.TryGetValue(key, out var earlier) && earlier.Count > 0))
            {
                amounts[key] = held - booking.Fill.Size;
                ordered.Add(booking);
            }
            else
            {
                if (!waiting.TryGetValue(key, out var queue))
                    waiting[key] = queue = new Queue<BookingCorrection>();
                queue.Enqueue(booking); // closes keep their own order among themselves
            }
        }
        // What still waits could not be taken whole in any order (an agent closed more than it held): booked last, cut short.
        foreach (var (key, queue) in waiting.Where(w => w.Value.Count > 0).OrderBy(w => corrections.IndexOf(w.Value.Peek())))
            foreach (var close in queue)
            {
                amounts[key] = Math.Max(0m, amounts.GetValueOrDefault(key) - close.Fill.Size);
                ordered.Add(close);
            }
        booksAfter = amounts;
        return ordered;
    }

    private static void Release(Queue<BookingCorrection> queue, (int, PositionKey) key, Dictionary<(int, PositionKey), decimal> amounts,
        List<Correction> ordered)
    {
        while (queue.Count > 0 && amounts[key] >= queue.Peek().Fill.Size)
        {
            var close = queue.Dequeue();
            amounts[key] -= close.Fill.Size;
            ordered.Add(close);
        }
    }

    private static int IndexOf(this IReadOnlyList<Correction> list, Correction item)
    {
        for (var i = 0; i < list.Count; i++)
            if (ReferenceEquals(list[i], item)) return i;
        return -1;
    }
}
