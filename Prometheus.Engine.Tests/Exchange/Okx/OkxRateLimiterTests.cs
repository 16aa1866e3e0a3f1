using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Engine.Tests.Exchange.Okx;

public class OkxRateLimiterTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void A_burst_of_the_published_limit_passes_and_the_next_call_waits_for_a_token()
    {
        using var limiter = new OkxRateLimiter(_clock);

        for (var i = 0; i < 60; i++)
            Assert.True(limiter.TryAcquire("/api/v5/trade/order"));
        Assert.False(limiter.TryAcquire("/api/v5/trade/order"));

        _clock.Advance(TimeSpan.FromSeconds(2.0 / 60));   // one token back
        Assert.True(limiter.TryAcquire("/api/v5/trade/order"));
        Assert.False(limiter.TryAcquire("/api/v5/trade/order"));
    }

    [Fact]
    public void Each_endpoint_has_its_own_bucket()
    {
        using var limiter = new OkxRateLimiter(_clock);

        for (var i = 0; i < 5; i++)
            Assert.True(limiter.TryAcquire("/api/v5/account/config"));

        Assert.False(limiter.TryAcquire("/api/v5/account/config"));
        Assert.True(limiter.TryAcquire("/api/v5/account/balance"));
    }

    [Fact]
    public async Task A_caller_over_the_limit_waits_until_time_brings_a_token()
    {
        using var limiter = new OkxRateLimiter(_clock, _ => 2);
        await limiter.WaitAsync("/x", default);
        await limiter.WaitAsync("/x", default);

        var third = limiter.WaitAsync("/x", default).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, limiter.Throttled);
    }

    [Fact]
    public void A_long_pause_refills_the_bucket_only_up_to_its_limit()
    {
        using var limiter = new OkxRateLimiter(_clock, _ => 3);
        for (var i = 0; i < 3; i++)
            limiter.TryAcquire("/x");

        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire("/x")));
    }
}
