using System.Net;
using System.Net.Sockets;

namespace Prometheus.Web.Tests.Hosting;

/// <summary>
/// `serve` checks that it can listen before it touches the data dir: a taken port is one line and exit code 1, with no
/// data dir created and an existing one left exactly as it was (so the next start finds its book, not an empty one).
/// </summary>
public sealed class ServeTakenPortTests
{
    private static Dictionary<string, string?> At(string dataDir) => new() { ["Prometheus:DataDir"] = dataDir, ["Prometheus:Paper:BarsPerSecond"] = "400" };

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Serve_on_a_taken_port_exits_with_one_line_and_creates_no_data_dir(string host)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dataDir = Path.Combine(TempFolder.Create(), "not-yet");

        var result = await CliRunner.RunAsync(["serve", "--urls", $"http://{host}:{port}"], At(dataDir));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal($"error: cannot listen on http://{host}:{port}: the address is already in use " +
            "(another program listens there: stop it, or choose another address with --urls)", line);
        Assert.False(Directory.Exists(dataDir), "the data dir was created");
    }

    [Fact]
    public async Task Serve_on_a_taken_port_leaves_an_existing_data_dir_as_it_was()
    {
        var dataDir = TempFolder.Create();
        var first = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "2"], At(dataDir));
        Assert.True(first.ExitCode == 0, first.Error);
        var before = Directory.GetFiles(dataDir, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/logs/"))
            .ToDictionary(f => f, f => (File.GetLastWriteTimeUtc(f), new FileInfo(f).Length));
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();

        var second = await CliRunner.RunAsync(["serve", "--urls", $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}"], At(dataDir));

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already in use", Assert.Single(second.ErrorLines));
        var after = Directory.GetFiles(dataDir, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/logs/"))
            .ToDictionary(f => f, f => (File.GetLastWriteTimeUtc(f), new FileInfo(f).Length));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_address_that_is_no_address_exits_2_with_one_line_and_creates_no_data_dir()
    {
        var dataDir = Path.Combine(TempFolder.Create(), "not-yet");

        var result = await CliRunner.RunAsync(["serve", "--urls", "nonsense"], At(dataDir));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: cannot listen on 'nonsense': it is not an address (e.g. http://127.0.0.1:5000)", Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(dataDir));
    }
}
