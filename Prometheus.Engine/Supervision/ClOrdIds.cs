using System.Globalization;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// Client order ids that name the agent: "p{agentId}x{sequence}", alphanumeric and at most 32 characters as OKX
/// demands. The sequence is global and only grows (it is persisted), so an id is never reused.
/// </summary>
public sealed class ClOrdIds(long nextSequence = 1)
{
    public long NextSequence { get; private set; } = nextSequence;

    public string Next(int agentId) =>
        string.Create(CultureInfo.InvariantCulture, $"p{agentId}x{NextSequence++}");

    /// <summary>The agent an id names, or null for an id Prometheus did not make (a manual order, another system).</summary>
    public static int? AgentOf(string? clOrdId)
    {
        if (string.IsNullOrEmpty(clOrdId) || clOrdId.Length > 32 || clOrdId[0] != 'p') return null;
        var x = clOrdId.IndexOf('x', 1);
        if (x < 2 || x == clOrdId.Length - 1) return null;
        var agent = clOrdId.AsSpan(1, x - 1);
        var seq = clOrdId.AsSpan(x + 1);
        foreach (var c in seq)
            if (!char.IsAsciiDigit(c)) return null;
        return int.TryParse(agent, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>The sequence number of an id this class made (what orders them in time), or 0 for another id.</summary>
    public static long SequenceOf(string clOrdId)
    {
        var x = clOrdId.IndexOf('x', 1);
        return AgentOf(clOrdId) is not null && long.TryParse(clOrdId.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
    }
}
