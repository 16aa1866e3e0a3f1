namespace Prometheus.Engine.Research;

/// <summary>
/// Independent random streams of one seed: the evolving run, each window's test and nulls each draw from their own
/// generator, derived from the seed and a stream number, so adding a window or a null never shifts another's draws.
/// </summary>
internal static class SeedStreams
{
    public const int Evolution = 1, HoldoutEvolution = 2;
    public const int PopulationTest = 100, FrozenFounders = 200, FrozenRun = 300, BuyHold = 400, ExposureMatched = 500, RandomTiming = 600;

    /// <summary>SplitMix64 of (seed, stream), folded to a non-negative int.</summary>
    public static int For(int seed, int stream)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }
}
