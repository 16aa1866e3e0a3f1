using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Supervision;

/// <summary>
/// A paper or live engine draws each cycle from a generator derived from its seed and the bar's time: restored from its
/// store, it goes on drawing exactly what it would have drawn without the stop, where a generator restarted from its seed
/// replays the first draws again.
/// </summary>
public class RandomContinuationTests
{
    private const int Before = 1_200, After = 1_500, Seed = 2024;

    private static void Evolving(Configuration.EngineOptions o)
    {
        o.Evolution.GraceHours = 6;
        o.Evolution.CullFraction = 0.9;
        o.Agents.LastStandThreshold = 0.98m;
        o.Agents.LastStandHours = 48;
    }

    private static Dictionary<int, (Genome Genome, Personality Personality)> BornAfter(Supervisor s, long ms) =>
        s.Agents.Values.Where(a => a.BornAtMs > ms).ToDictionary(a => a.Id, a => (a.Genome, a.Personality));

    /// <summary>Stops a run after <see cref="Before"/> bars (saved), restores it drawing from <paramref name="random"/>, runs on.</summary>
    private static async Task<Supervisor> StoppedAndRestoredAsync(Func<int?, RandomSource> random)
    {
        var s = new SupervisorScenario(Evolving, random: RandomSource.PerCycle(Seed));
        var dir = Path.Combine(Path.GetTempPath(), "prometheus-tests", Guid.NewGuid().ToString("N"));
        LoadedState loaded;
        using (var store = EngineStore.Open(dir, s.Clock, new PersistenceOptions()))
        {
            store.Seed(s.Supervisor.CaptureSnapshot(), []);
            s.Supervisor.AttachStore(store);
            await s.StepAsync(Before);
            store.Checkpoint(s.Supervisor.CaptureCheckpoint());
            await store.FlushAsync();
        }
        using (var reader = StoreReader.Open(dir))
            loaded = reader.Load();
        var restored = Supervisor.Restore(s.Options, s.Exchange, s.Clock, random(loaded.State.Supervisor.Seed), loaded.State, loaded.Records, loaded.Funding);
        restored.WarmUp(s.Fed); // the indicators see the same bars as an engine that never stopped
        await s.WithSupervisor(restored).StepAsync(After);
        return restored;
    }

    [Fact]
    public async Task The_random_sequence_continues_after_restore()
    {
        var uninterrupted = new SupervisorScenario(Evolving, random: RandomSource.PerCycle(Seed));
        await uninterrupted.StepAsync(Before);
        var stoppedAt = uninterrupted.Supervisor.NowMs;
        await uninterrupted.StepAsync(After);
        var expected = BornAfter(uninterrupted.Supervisor, stoppedAt);
        Assert.True(expected.Count >= 3, $"{expected.Count} births after the stop");

        var restored = await StoppedAndRestoredAsync(saved => RandomSource.PerCycle(saved!.Value));

        Assert.Equal(Seed, restored.Seed);
        Assert.Equal(expected, BornAfter(restored, stoppedAt));
        Assert.Equal(uninterrupted.Supervisor.Ledger.ComputeHash(), restored.Ledger.ComputeHash());

        // The old way: a generator started again from the seed draws the run's first draws again, and breeds other agents.
        var replayed = await StoppedAndRestoredAsync(saved => RandomSource.Sequential(new Random(saved!.Value)));
        Assert.NotEqual(expected, BornAfter(replayed, stoppedAt));
    }

    [Fact]
    public void Each_bar_draws_from_its_own_generator_the_same_for_the_same_seed_and_bar()
    {
        var source = RandomSource.PerCycle(7);
        Assert.Equal(source.At(1_700_000_900_000).Next(), RandomSource.PerCycle(7).At(1_700_000_900_000).Next());
        Assert.NotEqual(source.At(1_700_000_900_000).Next(), source.At(1_700_001_800_000).Next());
        Assert.NotEqual(source.At(1_700_000_900_000).Next(), RandomSource.PerCycle(8).At(1_700_000_900_000).Next());
        Assert.Null(RandomSource.Sequential(new Random(7)).Seed);
    }

    [Fact]
    public void A_seed_out_of_range_is_refused_naming_the_key_and_none_means_a_random_one()
    {
        Assert.Equal(["Prometheus:Evolution:Seed must be between 0 and 2147483647 (was -1)"], new EvolutionOptions { Seed = -1 }.Validate());
        Assert.Empty(new EvolutionOptions { Seed = null }.Validate());
        Assert.Empty(new EvolutionOptions { Seed = 0 }.Validate());
    }
}
