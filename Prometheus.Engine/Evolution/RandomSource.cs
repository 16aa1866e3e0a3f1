namespace Prometheus.Engine.Evolution;

/// <summary>
/// Where the Supervisor's random draws come from (the founders' genomes and personalities, breeding). It asks once per
/// cycle that draws, with that cycle's market time, and draws everything of that cycle from the generator it gets.
/// - <see cref="PerCycle"/>: each cycle's generator is derived from (seed, the cycle's market time). Nothing to persist:
///   a restored engine draws, bar by bar, exactly what it would have drawn had it not crashed. Keyed on the bar's time
///   rather than the cycle counter, because a restore sets the counter back by the cycles since the last checkpoint
///   while the bars, and their times, stay what they were. Paper and live trading.
/// - <see cref="Sequential"/>: one generator drawn in order from cycle to cycle, as given. A backtest or research run is
///   never restored; its golden figures were made this way, and the same seed still gives the same ledger bit for bit.
/// </summary>
public abstract class RandomSource
{
    /// <summary>The seed the draws derive from; null for a generator given whole (<see cref="Sequential"/>).</summary>
    public abstract int? Seed { get; }

    /// <summary>The generator for the cycle at <paramref name="marketMs"/> (its bar's close, Unix ms).</summary>
    public abstract Random At(long marketMs);

    /// <summary>A generator per cycle, derived from <paramref name="seed"/> and the cycle's market time.</summary>
    public static RandomSource PerCycle(int seed) => new Derived(seed);

    /// <summary>One generator drawn in order, whatever the cycle.</summary>
    public static RandomSource Sequential(Random random) => new Shared(random);

    /// <summary>SplitMix64 of (seed, market time), folded to a non-negative int: neighbouring bars get unrelated seeds.</summary>
    public static int Derive(int seed, long marketMs)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)marketMs);
        for (var round = 0; round < 2; round++)
        {
            z = unchecked(z + 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
        }
        return (int)(z & 0x7FFF_FFFF);
    }

    private sealed class Derived(int seed) : RandomSource
    {
        public override int? Seed => seed;
        public override Random At(long marketMs) => new(Derive(seed, marketMs));
    }

    private sealed class Shared(Random random) : RandomSource
    {
        public override int? Seed => null;
        public override Random At(long marketMs) => random;
    }
}
