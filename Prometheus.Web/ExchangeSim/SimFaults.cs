using System.Collections.Concurrent;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// Faults exchange-sim injects on request, so a client's handling of them can be tested end to end: an order placed
/// whose answer is lost (50004, "check the result"), a spell of 503s (50001), and funding bills without exchange-sim's
/// posSide extension, as real OKX writes them. Also counts requests per endpoint.
/// </summary>
public sealed class SimFaults
{
    private int _placedButLost;
    private int _unavailable;

    /// <summary>Requests received per "METHOD path" (after rate limiting and authentication).</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>While set, funding bills are written as real OKX writes them, with no posSide: a client must infer the side.</summary>
    public bool BillsWithoutPosSide { get; set; }

    /// <summary>The next <paramref name="count"/> order placements are made, but answered 50004 instead of their result.</summary>
    public void LoseOrderAnswers(int count) => Interlocked.Exchange(ref _placedButLost, count);

    /// <summary>The next <paramref name="count"/> requests are answered 503 with 50001 and not processed.</summary>
    public void BeUnavailable(int count) => Interlocked.Exchange(ref _unavailable, count);

    internal bool TakeLostAnswer(string path) => path == "/api/v5/trade/order" && Take(ref _placedButLost);

    internal bool TakeUnavailable() => Take(ref _unavailable);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
                return false;
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
                return true;
        }
    }
}
