using System.Net;
using System.Net.Http.Json;
using Prometheus.Web.Hosting;
using Prometheus.Web.Observability;
using Prometheus.Web.Tests.Api;

namespace Prometheus.Web.Tests.Observability;

/// <summary>
/// GET /metrics: Prometheus text that parses line by line, with every named family declared, whose counters, histograms
/// and gauges move as the paper engine trades; open to loopback, behind the admin token from any other address.
/// </summary>
public sealed class MetricsEndpointTests(MetricsFactory factory) : IClassFixture<MetricsFactory>
{
    private static readonly string[] Families =
    [
        MetricNames.OrdersSent, MetricNames.OrdersAcknowledged, MetricNames.OrdersRejected, MetricNames.OrdersUnknown,
        MetricNames.Fills, MetricNames.Booking, MetricNames.OrderRoundTrip, MetricNames.Equity, MetricNames.Drawdown,
        MetricNames.BookEquity, MetricNames.BookDrawdown, MetricNames.ReconciliationFindings, MetricNames.ReconciliationFound,
        MetricNames.SnapshotAge, MetricNames.WsReconnects, MetricNames.BreakerTripped, MetricNames.AlertsDropped,
    ];

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var client = factory.Authorized();
        using var response = await client.GetAsync(MetricsEndpoint.Path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(body);
    }

    [Fact]
    public async Task Metrics_parse_as_prometheus_text_with_every_named_family_and_move_when_the_engine_trades()
    {
        await factory.StartedAsync();
        var first = await ScrapeAsync();
        foreach (var family in Families)
        {
            Assert.True(first.Help.ContainsKey(family), $"HELP for {family}");
            Assert.True(first.Types.ContainsKey(family), $"TYPE for {family}");
        }
        Assert.Equal("counter", first.Types[MetricNames.OrdersSent]);
        Assert.Equal("histogram", first.Types[MetricNames.Booking]);
        Assert.Equal("histogram", first.Types[MetricNames.OrderRoundTrip]);
        Assert.Equal("gauge", first.Types[MetricNames.Equity]);
        Assert.Equal("gauge", first.Types[MetricNames.BreakerTripped]);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        PrometheusText now;
        while ((now = await ScrapeAsync()).Sum(MetricNames.Fills) < first.Sum(MetricNames.Fills) + 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "no fills counted in 90 s");
            await Task.Delay(200);
        }

        Assert.True(now.Sum(MetricNames.OrdersSent) > first.Sum(MetricNames.OrdersSent), "orders sent moved");
        Assert.True(now.Sum(MetricNames.OrdersAcknowledged) > first.Sum(MetricNames.OrdersAcknowledged), "orders acknowledged moved");
        Assert.True(now.Sum(MetricNames.OrdersSent) >= now.Sum(MetricNames.OrdersAcknowledged), "no more acknowledged than sent");
        Assert.True(now.Sum(MetricNames.Booking + "_count") >= now.Sum(MetricNames.Fills), "every fill counted has its booking time");
        Assert.True(now.Sum(MetricNames.OrderRoundTrip + "_count") > first.Sum(MetricNames.OrderRoundTrip + "_count"), "round trips observed");
        Assert.True(now.Value(MetricNames.Booking + "_bucket", "le", "+Inf") >= now.Sum(MetricNames.Fills), "the +Inf bucket holds every booking");
        var equity = now.Samples.Where(s => s.Name == MetricNames.Equity).ToList();
        Assert.Contains(equity, s => s.Labels.GetValueOrDefault("instrument") is "BTC-USDT" or "BTC-USDT-SWAP" && s.Value > 0);
        Assert.True(now.Sum(MetricNames.BookEquity) > 0, "the book's equity is there");
        Assert.All(now.Samples.Where(s => s.Name == MetricNames.Drawdown), s => Assert.InRange(s.Value, 0, 1));
        Assert.Equal(0, now.Sum(MetricNames.BreakerTripped));
        var age = now.Sum(MetricNames.SnapshotAge);
        Assert.True(age >= 0 && age < 3600, $"the fresh start's snapshot is seconds old (was {age})");
    }

    [Fact]
    public async Task Orders_the_exchange_rejects_are_counted_by_its_code_and_unanswered_ones_as_unknown()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        var before = await ScrapeAsync();
        using (var reject = await client.PostAsJsonAsync("/api/sim/faults", new { kind = "reject", requests = 2 }))
            Assert.True(reject.IsSuccessStatusCode, await reject.Content.ReadAsStringAsync());

        var deadline = DateTime.UtcNow.AddSeconds(90);
        PrometheusText now;
        while ((now = await ScrapeAsync()).Value(MetricNames.OrdersRejected, "reason", "51008") is not >= 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "no rejected order counted in 90 s");
            await Task.Delay(200);
        }
        Assert.Equal(before.Sum(MetricNames.OrdersRejected) + 2, now.Sum(MetricNames.OrdersRejected));

        using (var timeout = await client.PostAsJsonAsync("/api/sim/faults", new { kind = "timeout", requests = 1 }))
            Assert.True(timeout.IsSuccessStatusCode, await timeout.Content.ReadAsStringAsync());
        while ((now = await ScrapeAsync()).Sum(MetricNames.OrdersUnknown) < before.Sum(MetricNames.OrdersUnknown) + 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "no unanswered order counted in 90 s");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Metrics_from_another_address_need_the_admin_token()
    {
        using var anonymous = factory.CreateClient();
        using var none = await anonymous.GetAsync(MetricsEndpoint.Path);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, MetricsEndpoint.Path);
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiFactory.Token + "x");
        using var refused = await anonymous.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var authorized = factory.Authorized();
        using var served = await authorized.GetAsync(MetricsEndpoint.Path);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Metrics_answer_a_loopback_client_without_a_token()
    {
        await using var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], CliRunner.WithTempDataDir(
            new Dictionary<string, string?> { ["Prometheus:AdminToken"] = ApiFactory.Token, ["Prometheus:Paper:BarsPerSecond"] = "50" }));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await http.GetAsync(MetricsEndpoint.Path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Contains(MetricNames.OrdersSent, PrometheusText.Parse(body).Types.Keys);
        using var api = await http.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode); // loopback opens /metrics only
        await app.StopAsync();
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.3.4.5", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.8", false)]
    [InlineData("::ffff:192.168.1.2", false)]
    [InlineData("2001:db8::1", false)]
    public void Only_loopback_addresses_count_as_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, MetricsEndpoint.IsLoopback(IPAddress.Parse(address)));

    [Fact]
    public void An_unknown_address_is_not_loopback() => Assert.False(MetricsEndpoint.IsLoopback(null));
}
