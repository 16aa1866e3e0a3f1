using Prometheus.Engine.Startup;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated.Persistence;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Cli;

/// <summary>
/// `recover`: restores the engine of a data dir for reading only (no trading, nothing written there) and prints the
/// recovery report `serve` would make. With --at, the state as it was at that moment (within the point-in-time
/// window); with --into, that state is written as a new data dir to inspect with `serve`; with --agents-only, the
/// new data dir keeps the agents and starts their ledgers afresh.
/// </summary>
public static class RecoverVerb
{
    public static Command Create(CliContext context)
    {
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = $"The data dir to read. Default: {DataDirectory.Key}",
            HelpName = "DIR",
        };
        var at = new Option<RecoveryMoment?>("--at")
        {
            Description = "Rebuild the state as it was at this moment, within Prometheus:Persistence:PointInTimeHours: wall:2026-11-20T14:00:00Z "
                + "(the machine's clock; a bare time is wall time) or market:2023-05-01T00:00:00Z (the last save before the market reached it)",
            HelpName = "[wall:|market:]TIME",
            CustomParser = result => result.Tokens.Count == 0 ? null
                : RecoveryMoment.TryParse(result.Tokens[^1].Value, out var moment) ? moment
                : Error(result, $"--at must be a moment such as wall:2026-11-20T14:00:00Z or market:2023-05-01T00:00:00Z (was '{result.Tokens[^1].Value}')"),
        };
        var into = new Option<string?>("--into")
        {
            Description = "Write the recovered state as a new data dir here (it must not exist, or be empty)",
            HelpName = "DIR",
        };
        var agentsOnly = new Option<bool>("--agents-only")
        {
            Description = "With --into: keep the agents, Valhalla and the Mastermind, start fresh ledgers (each agent keeps what it was worth; no positions, no trade history)",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };

        var command = new Command("recover", "Print the recovery report of a data dir without trading; rebuild a past state into a new data dir.")
        {
            dataDir, at, into, agentsOnly, json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(dataDir), parse.GetValue(at), parse.GetValue(into), parse.GetValue(agentsOnly), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? dataDirArg, RecoveryMoment? at, string? into, bool agentsOnly, bool json)
    {
        var configuration = PrometheusConfiguration.BuildAsServe(context.ConfigOverrides); // it reads what serve wrote
        var options = PrometheusOptionsExtensions.LoadEngineOptions(configuration);
        var persistence = OptionsSection.Bind<PersistenceOptions>(configuration, PersistenceOptions.Section);
        var recovery = OptionsSection.Bind<RecoveryOptions>(configuration, RecoveryOptions.Section);
        var storeOptions = OptionsSection.Bind<StoreOptions>(configuration, StoreOptions.Section);
        if (storeOptions.Validate().FirstOrDefault() is { } storeError)
            throw new CliException(storeError);
        if (agentsOnly && into is null)
            throw new CliException("--agents-only needs --into DIR: the fresh ledgers go into a new data dir, the old one is left as it is");
        var source = Path.GetFullPath(dataDirArg ?? DataDirectory.Resolve(configuration));
        var target = into is null ? null : RequireEmptyFolder(into, source);

        var started = TimeProvider.System.GetTimestamp();
        LoadedState loaded;
        IReadOnlyList<ExchangeFill>? fills;
        try
        {
            // The store the engine keeps (Prometheus:Store); a copy made with --into is always a new SQLite data dir.
            using var reader = StoreReader.Open(storeOptions.Location(source));
            if (!reader.HasSavedState)
                throw new CliException($"there is no saved state in {source}: nothing was ever saved there");
            loaded = reader.Load(at is null ? null : WallMs(reader, at));
            fills = at is null ? ExchangeFills(source) : null;
        }
        catch (EngineStoreException e)
        {
            throw new CliException(e.Message);
        }

        // Read only: it draws nothing, but its report names the seed the run goes on with.
        var random = loaded.State.Supervisor.Seed is { } seed ? RandomSource.PerCycle(seed) : RandomSource.Sequential(new Random(0));
        var supervisor = Supervisor.Restore(options, new OfflineExchange(options.Traded), TimeProvider.System, random, loaded.State, loaded.Records, loaded.Funding);
        var report = RecoveryReportBuilder.Build(supervisor, TimeProvider.System.GetUtcNow(), TimeProvider.System.GetElapsedTime(started).TotalMilliseconds,
            freshStart: false, loaded.LastSaveAtMs, loaded.Snapshot, fills, recovery.AutoResumeWhenClean);
        context.Out.Write(json ? JsonSerializer.Serialize(report, new JsonSerializerOptions(EngineJson.Options) { WriteIndented = true }) + "\n"
            : RecoveryReportText.Format(report, source, at));

        if (target is not null)
        {
            var state = agentsOnly ? EngineStartup.AgentsOnly(loaded, options.Instruments) : loaded.State;
            using (var store = EngineStore.Open(target, TimeProvider.System, persistence))
                store.Seed(state, agentsOnly ? [] : loaded.Records, agentsOnly ? [] : loaded.Funding);
            context.Out.WriteLine();
            context.Out.WriteLine(agentsOnly
                ? $"The agents, with fresh ledgers, were written to {target}."
                : $"The state{(at is { } t ? $" as of {t}" : "")} was written to {target}.");
            context.Out.WriteLine($"Inspect it with: serve --Prometheus:DataDir={target} (it starts awaiting confirmation; its simulated exchange starts empty).");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The simulated exchange's fills, read without opening it for trading; null when the data dir has none.</summary>
    private static IReadOnlyList<ExchangeFill>? ExchangeFills(string dataDir)
    {
        var path = Path.Combine(dataDir, SqliteSimulatedExchangeStore.DefaultFileName);
        if (!File.Exists(path)) return null;
        using var store = SqliteSimulatedExchangeStore.Open(path);
        return store.Load()?.Fills;
    }

    private static string RequireEmptyFolder(string path, string source)
    {
        var full = Path.GetFullPath(path);
        if (string.Equals(full.TrimEnd('/'), source.TrimEnd('/'), StringComparison.Ordinal))
            throw new CliException("--into must be another folder than the data dir it recovers from");
        if (File.Exists(full))
            throw new CliException($"--into names a file, not a folder: {full}");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new CliException($"--into folder is not empty: {full} (a recovery never writes over data)");
        return full;
    }

    /// <summary>The wall time to load at: the moment itself, or for a market time the last save made by then.</summary>
    private static long WallMs(StoreReader reader, RecoveryMoment at) => at.Clock == MomentClock.Wall
        ? at.At.ToUnixTimeMilliseconds()
        : reader.WallTimeAtMarket(at.At.ToUnixTimeMilliseconds())
          ?? throw new CliException($"Nothing was saved at or before market time {at.At:u}: the engine's saves start later in market time.");

    private static RecoveryMoment? Error(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
