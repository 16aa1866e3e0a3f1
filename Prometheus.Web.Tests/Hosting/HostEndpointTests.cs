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
    public async Task The_home_page_is_the_dashboard_behind_the_sign_in_page()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var home = await client.GetAsync("/");
        using var signIn = await client.GetAsync("/signin");
        var html = await signIn.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/signin", home.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("text/html", signIn.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Prometheus</h1>", html);
    }

    [Fact]
    public async Task The_host_writes_its_log_file_under_the_data_dir()
    {
        using var client = factory.CreateClient();
        using var _ = await client.GetAsync("/healthz");

        Assert.True(Directory.Exists(Path.Combine(factory.DataDir, "logs")));
    }
}
