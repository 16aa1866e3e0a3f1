using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Persistence;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.ReadOnly;

namespace Prometheus.Web.Tests.Engine;

/// <summary>One read of a store a real (short) serve filled: the saved state published, the fills fed to the live list once.</summary>
public sealed class ReadOnlyWatcherTests
{
    [Fact]
    public async Task A_read_publishes_the_saved_state_and_feeds_new_fills_to_the_dashboard_once()
    {
        var dir = TempFolder.Create();
        var serve = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "4"],
            new Dictionary<string, string?> { ["Prometheus:DataDir"] = dir, ["Prometheus:Paper:BarsPerSecond"] = "400" });
        Assert.True(serve.ExitCode == 0, serve.Error);
        var runtime = new EngineRuntime();
        var events = new EngineEvents(runtime, TimeProvider.System, NullLogger<EngineEvents>.Instance);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Prometheus:DataDir"] = dir }).Build();
        var watcher = new ReadOnlyWatcher(runtime, new EngineOptions(), Options.Create(new StoreOptions()), Options.Create(new ReadOnlyOptions()),
            configuration, TimeProvider.System, events, NullLogger<ReadOnlyWatcher>.Instance);
        var location = new StoreLocation(dir);
        runtime.AttachReadOnly(location);
        LoadedState saved;
        using (var reader = StoreReader.Open(location)) saved = reader.Load();

        watcher.Refresh(location);

        var model = runtime.ReadModel!;
        Assert.True(runtime.Started.IsCompletedSuccessfully);
        Assert.Equal("read-only", runtime.Status.Mode);
        Assert.Equal(saved.Records.Count, model.Status.Trades);
        Assert.Equal(saved.State.Agents.Count(a => a.DiedAtMs is null), model.Ranked.Length);
        Assert.Equal(saved.LastSaveAtMs, model.Status.LastCheckpointAtMs);
        var first = await events.CollectAsync(CancellationToken.None);
        Assert.NotEmpty(first.Fills);
        Assert.Equal(saved.Records[^1].TradeId, first.Fills[^1].TradeId);

        watcher.Refresh(location); // the same save: not rebuilt, no fill posted again
        Assert.Same(model, runtime.ReadModel);
        Assert.Empty((await events.CollectAsync(CancellationToken.None)).Fills);
    }
}
