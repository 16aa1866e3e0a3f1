using System.Globalization;

namespace Prometheus.Web.Cli;

/// <summary>Which clock a moment given to <c>recover --at</c> is read on.</summary>
public enum MomentClock
{
    /// <summary>The machine's clock: when a save was written.</summary>
    Wall,

    /// <summary>The market's clock: the candle time the engine had reached (2023 in paper mode, today live).</summary>
    Market,
}

/// <summary>
/// A moment for <c>recover --at</c>, named by its clock: <c>wall:2026-11-20T14:00:00Z</c>, <c>market:2023-05-01T00:00:00Z</c>,
/// or a bare time, which is wall time (as before the clocks were named).
/// </summary>
public sealed record RecoveryMoment(MomentClock Clock, DateTimeOffset At)
{
    public static bool TryParse(string text, out RecoveryMoment? moment)
    {
        moment = null;
        var clock = MomentClock.Wall;
        var time = text;
        foreach (var (prefix, named) in new[] { ("wall:", MomentClock.Wall), ("market:", MomentClock.Market) })
        {
            if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            clock = named;
            time = text[prefix.Length..];
        }
        if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return false;
        moment = new RecoveryMoment(clock, at);
        return true;
    }

    public override string ToString() => $"{(Clock == MomentClock.Market ? "market" : "wall")} time {At:u}";
}
