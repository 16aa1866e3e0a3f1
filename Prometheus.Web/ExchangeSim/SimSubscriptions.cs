namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// What one WebSocket session subscribed to: each distinct arg once (subscribing to it again changes nothing, so one
/// event is pushed once), at most <see cref="SimLimits.MaxSubscriptionsPerConnection"/> of them. The session's receive
/// loop changes it while pushes from other threads read it: readers get an immutable snapshot (<see cref="Current"/>),
/// writers replace it under a lock.
/// </summary>
public sealed class SimSubscriptions
{
    public enum Outcome { Added, AlreadySubscribed, Full }

    private readonly Lock _lock = new();
    private volatile IReadOnlyDictionary<string, string>[] _args = [];

    /// <summary>The subscribed args as the client sent them (echoed in pushes), in the order subscribed.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Current => _args;

    public Outcome Add(IReadOnlyDictionary<string, string> arg)
    {
        lock (_lock)
        {
            var args = _args;
            if (args.Any(a => SameArg(a, arg)))
                return Outcome.AlreadySubscribed;
            if (args.Length >= SimLimits.MaxSubscriptionsPerConnection)
                return Outcome.Full;
            _args = [.. args, new Dictionary<string, string>(arg, StringComparer.Ordinal)];
            return Outcome.Added;
        }
    }

    /// <summary>Removes the subscriptions of <paramref name="channel"/> for <paramref name="instId"/> (null: those without one).</summary>
    public void Remove(string? channel, string? instId)
    {
        lock (_lock)
            _args = [.. _args.Where(a => !(a.GetValueOrDefault("channel") == channel && a.GetValueOrDefault("instId") == instId))];
    }

    private static bool SameArg(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
