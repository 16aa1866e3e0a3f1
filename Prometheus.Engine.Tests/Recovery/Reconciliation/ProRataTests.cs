using Prometheus.Engine.Exchange;
using Prometheus.Engine.Recovery.Reconciliation;

namespace Prometheus.Engine.Tests.Recovery.Reconciliation;

public class ProRataTests
{
    private static readonly Instrument Swap = TestInstruments.BtcUsdtSwap;

    [Fact]
    public void A_close_of_the_whole_position_gives_every_holder_exactly_what_it_holds()
    {
        Assert.Equal([(1, 0.3m), (4, 1.7m), (9, 2m)], ProRata.Allocate([(1, 0.3m), (4, 1.7m), (9, 2m)], 4m, Swap));
    }

    [Fact]
    public void Parts_round_down_to_the_lot_and_the_last_holder_takes_the_remainder()
    {
        // 1 of (2, 1): 0.666.. -> 0.6 and 0.333.. -> 0.3; the 0.1 left goes to the last holder.
        Assert.Equal([(1, 0.6m), (2, 0.4m)], ProRata.Allocate([(1, 2m), (2, 1m)], 1m, Swap));
    }

    [Fact]
    public void No_part_exceeds_what_its_holder_holds()
    {
        // 0.2 of three 0.1 lots: every share rounds to 0; the last takes 0.1 (all it has), the one before it the rest.
        Assert.Equal([(2, 0.1m), (3, 0.1m)], ProRata.Allocate([(1, 0.1m), (2, 0.1m), (3, 0.1m)], 0.2m, Swap));
    }

    [Fact]
    public void More_than_is_held_allocates_only_what_is_held_and_nothing_allocates_nothing()
    {
        Assert.Equal([(1, 1m), (2, 2m)], ProRata.Allocate([(1, 1m), (2, 2m)], 5m, Swap));
        Assert.Empty(ProRata.Allocate(Array.Empty<(int, decimal)>(), 5m, Swap));
        Assert.Empty(ProRata.Allocate([(1, 1m)], 0m, Swap));
    }

    [Fact]
    public void A_holder_whose_books_can_give_less_gets_no_more_and_the_rest_goes_to_the_others()
    {
        // Agent 1 held 2 when the close happened, but its books have 0.5 left: it gives 0.5, agent 2 the rest of its share.
        Assert.Equal([(1, 0.5m), (2, 2m)], ProRata.Allocate([(1, 2m, 0.5m), (2, 2m, 5m)], 3m, Swap));
        // Nobody can give more than they held then: what is left is the caller's (an orphan).
        Assert.Equal([(1, 0.5m), (2, 2m)], ProRata.Allocate([(1, 2m, 0.5m), (2, 2m, 5m)], 4m, Swap));
    }

    [Fact]
    public void Fee_shares_keep_the_ledgers_precision()
    {
        Assert.Equal(0.333333333333m, ProRata.Fee(1m, 1m, 3m));
    }
}
