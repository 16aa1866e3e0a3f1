using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Recovery;

/// <summary>
/// Where a restarted market resumes: at the bar after the last one the engine acted on (an order journalled before it
/// was sent is such an act, even when its fill was never booked), so no bar is decided twice.
/// </summary>
public class ResumeAfterCrashTests
{
    private const long BarMs = 900_000;

    /// <summary>Every order the journal ever held: its clOrdId and the market time it was decided at (its bar's close).</summary>
    private static Dictionary<string, long> Orders(StoreLocation store)
    {
        using var connection = store.Connect(readOnly: true);
        return StoreSql.Read(connection, "SELECT ClOrdId, CreatedMs FROM Orders", r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(o => o.Item1, o => o.Item2, StringComparer.Ordinal);
    }

    /// <param name="point">Where it dies: right after the first order's intent was written (the only trace of its bar on
    /// disk; the order was never sent), or inside the 12th booking (the order was journalled and filled, the booking rolled back).</param>
    public static TheoryData<string, int, StoreProvider> Crashes()
    {
        var crashes = new TheoryData<string, int, StoreProvider>();
        foreach (var provider in Tests.Persistence.TestStore.Available)
        {
            crashes.Add("journalled", 1, provider);
            crashes.Add("booking", 12, provider);
        }
        return crashes;
    }

    [Theory]
    [MemberData(nameof(Crashes))]
    public async Task No_bar_is_decided_twice_across_a_restart(string point, int pass, StoreProvider provider)
    {
        await using var served = new ServedEngine(provider: provider);
        using (CrashPoints.Simulate(point, pass))
            await served.StartAsync(exchangeBars: false);
        Assert.IsType<CrashPoints.SimulatedCrash>(await served.DiedAsync());
        var before = Orders(served.Location);
        var lastDecided = before.Values.Max();
        using (var reader = served.Reader())
            Assert.Equal(lastDecided, reader.Load().State.TakenAtMs); // the saved state knows the last bar the engine acted on

        // The market resumes from the engine's own memory alone (not also after the exchange's last bar, as serve adds).
        var started = await served.StartAsync(exchangeBars: false);
        Assert.Equal(EngineState.AwaitingConfirmation, started.InitialState);
        if (point == "booking")
            Assert.Contains(started.Report.Reconciliation.Items, i => i.Kind == "MissingFill"); // the crashed booking, booked now
        Assert.Null(await served.Loop!.ConfirmAsync());
        var written = await served.Loop.QueryAsync(s => s.Journal.Written);
        await served.UntilAsync(s => s.Journal.Written >= written + 20);
        await served.StopAsync();

        Assert.Equal(lastDecided - BarMs, served.ResumedAfter);
        Assert.Equal(lastDecided, served.Bars[0]); // the first bar fed is the one after the last decided (whose close it opens at)
        var after = Orders(served.Location).Where(o => !before.ContainsKey(o.Key)).ToList();
        Assert.True(after.Count >= 20, $"{after.Count} orders after the restart");
        Assert.All(after, o => Assert.True(o.Value > lastDecided, $"{o.Key} was decided at {o.Value}, on or before the last bar decided before the crash ({lastDecided})"));
    }
}
