using System.Net;

namespace Prometheus.Web.Tests.Hosting;

public sealed class HostEndpointTests(PrometheusFactory factory) : IClassFixture<PrometheusFactory>
{
    [Fact]
    public async Task Healthz_answers_200_Healthy()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_home_page_names_Prometheus_and_its_state()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Prometheus</h1>", html);
        Assert.Matches("State: <strong>(Starting|Running)</strong>", html);
        Assert.Contains("10 agents at a first start", html);
    }

    [Fact]
    public async Task The_host_writes_its_log_file_under_the_data_dir()
    {
        using var client = factory.CreateClient();
        using var _ = await client.GetAsync("/healthz");

        Assert.True(Directory.Exists(Path.Combine(factory.DataDir, "logs")));
    }
}
