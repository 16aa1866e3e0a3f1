using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// What the last control did, carried across the redirect after its POST (post/redirect/get): the page gets an opaque
/// id in its address and shows the text kept here. A forged address can only show nothing, never a made-up message.
/// Bounded (<see cref="Capacity"/> entries) and short-lived (<see cref="Lifetime"/>).
/// </summary>
public sealed class ControlOutcomes(TimeProvider time)
{
    public const int Capacity = 200;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (DeskResult Result, DateTimeOffset At)> _outcomes = new();

    public string Add(DeskResult result)
    {
        var now = time.GetUtcNow();
        if (_outcomes.Count >= Capacity)
            foreach (var (key, value) in _outcomes.OrderBy(o => o.Value.At).Take(_outcomes.Count - Capacity + 1))
                _outcomes.TryRemove(key, out _);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        _outcomes[id] = (result, now);
        return id;
    }

    public DeskResult? Find(string? id) =>
        id is not null && _outcomes.TryGetValue(id, out var entry) && time.GetUtcNow() - entry.At < Lifetime ? entry.Result : null;
}
