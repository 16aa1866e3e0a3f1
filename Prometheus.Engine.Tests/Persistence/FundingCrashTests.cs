using System.Globalization;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>
/// Funding shares booked across a crash: the engine dies inside a share's transaction (crash point "funding") or right
/// after it committed ("funded"), is restored from its store, and collects the exchange's bills again. Each share is
/// then booked exactly once, and the books are what an uninterrupted twin held right after the same settlement.
/// </summary>
public class FundingCrashTests
{
    /// <summary>What is compared with the uninterrupted twin: the ledger hash (trades and funding records), totals, each agent's capital and funding.</summary>
    private sealed record Books(string Hash, decimal FundingTotal, decimal Cash, string Agents)
    {
        public static Books Of(Supervisor s) => new(s.Ledger.ComputeHash(), s.Ledger.FundingTotal, s.Ledger.CashTotal,
            string.Join("; ", s.Ledger.PrivateLedgers.Values.OrderBy(l => l.AgentId)
                .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.AgentId}: capital {l.Capital}, funding {l.FundingPaid}"))));
    }

    /// <summary>
    /// inside 1: the first share ever, nothing of that settlement committed; inside 3: two shares of the settlement committed,
    /// the third rolled back; after 1: the first share committed, nothing after it ran; after 8: eight shares committed (the
    /// first settlement's, with 8 swap agents), nothing after them ran. On each store provider.
    /// </summary>
    public static TheoryData<string, int, StoreProvider> Crashes()
    {
        var crashes = new TheoryData<string, int, StoreProvider>();
        foreach (var provider in TestStore.Available)
        foreach (var (when, share) in new[] { ("inside", 1), ("inside", 3), ("after", 1), ("after", 8) })
            crashes.Add(when, share, provider);
        return crashes;
    }

    [Theory]
    [MemberData(nameof(Crashes))]
    public async Task A_crash_inside_or_right_after_a_funding_share_books_each_share_once_and_equals_an_uninterrupted_run(string when, int share,
        StoreProvider provider)
    {
        using var s = new FundingScenario(provider: provider);
        var crashedAt = await RunUntilCrashAsync(s, when, share);
        using var twin = new FundingScenario();
        // The twin's books right after its last funding share of the bar the other died in (funding comes before decisions).
        Books? expected = null;
        twin.Supervisor.FundingBooked += _ =>
        {
            if (twin.Bar == crashedAt) expected = Books.Of(twin.Supervisor);
        };
        while (twin.Bar < crashedAt)
            await twin.StepAsync();
        Assert.NotNull(expected);

        var restored = s.Restart();
        Assert.Equal(when == "inside" ? share - 1 : share, restored.Ledger.Funding.Count);
        await s.CollectFundingAsync();

        Assert.Equal(expected, Books.Of(restored));
        Assert.Equal(twin.Supervisor.Ledger.Funding, restored.Ledger.Funding);
        Assert.All(restored.Ledger.Funding.GroupBy(f => f.Key), g => Assert.Single(g));
        using (var reader = s.Reader())
            Assert.Equal(restored.Ledger.Funding, reader.Funding());
        var verdict = LedgerVerification.Verify(restored.Ledger, [.. await s.Exchange.GetFillsAsync()]);
        Assert.True(verdict.Consistent, verdict.ToString());
        Assert.Equal(restored.Ledger.Funding.Count, verdict.FundingRecords);
        Assert.Equal(verdict.FundingRecords, verdict.PrivateFundingRecords);

        // A second restart and a second collection (a replay of it all) change nothing.
        var again = s.Restart();
        await s.CollectFundingAsync();
        Assert.Equal(expected, Books.Of(again));
        using (var reader = s.Reader())
            Assert.Equal(twin.Supervisor.Ledger.Funding, reader.Funding());
    }

    /// <summary>
    /// Steps until the engine "dies" at the <paramref name="share"/>-th funding share: inside its transaction, or right
    /// after it committed. Returns the bar it died in. (The simulated crash point is set in this method's own async flow.)
    /// </summary>
    private static async Task<int> RunUntilCrashAsync(FundingScenario s, string when, int share)
    {
        using var crash = CrashPoints.Simulate(when == "inside" ? "funding" : "funded", share);
        while (s.Bar < 1_000)
        {
            try
            {
                await s.StepAsync();
            }
            catch (CrashPoints.SimulatedCrash)
            {
                return s.Bar;
            }
        }
        throw new Xunit.Sdk.XunitException("the crash point was never reached");
    }

    [Fact]
    public async Task A_restored_engine_collects_a_settlement_it_died_in_at_its_next_cycle_and_books_each_share_once()
    {
        using var s = new FundingScenario();
        // Dies inside the first share ever: nothing of the first settlement is committed.
        await RunUntilCrashAsync(s, "inside", 1);
        var restored = s.Restart();
        var bills = await s.Exchange.GetFundingBillsAsync();
        var settlement = bills[^1].FundingTimeMs;
        Assert.Empty(restored.Ledger.Funding);

        // The engine's own loop, not the test, asks the exchange again (its bills are polled for an hour after a funding time).
        await s.StepAsync();

        var shares = restored.Ledger.Funding.Where(f => f.FundingTimeMs == settlement).ToList();
        Assert.NotEmpty(shares);
        Assert.All(restored.Ledger.Funding.GroupBy(f => f.Key), g => Assert.Single(g));
        // The shares add up to what the exchange billed (the agents held the exchange's whole position).
        foreach (var bill in bills.Where(b => b.FundingTimeMs == settlement))
            Assert.Equal(-bill.BalanceChange, shares.Where(f => f.BillId == bill.BillId).Sum(f => f.Paid));
        Assert.True(LedgerVerification.Verify(restored.Ledger, null).Consistent);
    }
}
