using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Cli;

/// <summary>
/// The options the verbs share, with parsers whose errors are one line naming the option, the
/// allowed form and the value given; and the checks on paths done before any long work starts.
/// </summary>
public static class CliArguments
{
    public const int MaxAgents = 10_000;
    public const string DateFormat = "yyyy-MM-dd";

    public static Option<string?> Data(string defaultDescription) => new("--data")
    {
        Description = $"Candle file in the shipped format (data/README.md). Default: {defaultDescription}",
        HelpName = "PATH",
    };

    public static Option<int?> Agents(string defaultDescription) => new("--agents")
    {
        Description = $"Agents at the start, 1..{MaxAgents}. Default: {defaultDescription}",
        HelpName = "N",
        CustomParser = result => Parse<int?>(result, token => ParseAgents(token)),
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "Random seed: the same data and seed give the same ledger.",
        HelpName = "S",
        DefaultValueFactory = _ => 42,
        CustomParser = result => Parse(result, ParseSeed),
    };

    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        CustomParser = result => Parse<DateOnly?>(result, token => ParseDate(name, token)),
    };

    public static Option<string?> Out(string what) => new("--out")
    {
        Description = $"Write the {what} as JSON to this file.",
        HelpName = "FILE",
    };

    public static Option<string?> Html(string what) => new("--html")
    {
        Description = $"Write the {what} as one self-contained HTML page to this file.",
        HelpName = "FILE",
    };

    public static Option<string?> Profile() => new("--profile")
    {
        Description = "Gene ranges evolution searches: seed (the seed documents' ranges) or wide (holding from one bar to 7 days). Default: Prometheus:Evolution:Profile.",
        HelpName = "seed|wide",
        CustomParser = result => Parse<string?>(result, token => Prometheus.Engine.Agents.GeneProfile.TryGet(token, out var profile)
            ? profile.Name
            : throw new CliException($"--profile must be one of {string.Join(", ", Prometheus.Engine.Agents.GeneProfile.All.Select(p => p.Name))} (was '{token}')")),
    };

    /// <summary>A whole-number option in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int?> Count(string name, string description, string helpName, int min, int max) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => Parse<int?>(result, token =>
            int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new CliException($"{name} must be a whole number between {min} and {max} (was '{token}')")),
    };

    public static int ParseAgents(string token) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var agents) && agents is >= 1 and <= MaxAgents
            ? agents
            : throw new CliException($"--agents must be a whole number between 1 and {MaxAgents} (was '{token}')");

    public static int ParseSeed(string token) =>
        int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new CliException($"--seed must be a whole number (was '{token}')");

    public static DateOnly ParseDate(string option, string token) =>
        DateOnly.TryParseExact(token, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliException($"{option} must be a date as YYYY-MM-DD (was '{token}')");

    public static void RequireOrderedRange(DateOnly? from, DateOnly? to)
    {
        if (from is { } start && to is { } end && start > end)
            throw new CliException($"--from {start.ToString(DateFormat, CultureInfo.InvariantCulture)} is after --to {end.ToString(DateFormat, CultureInfo.InvariantCulture)}");
    }

    /// <summary>The candle file as an absolute path; fails early, naming the path, when it is not there.</summary>
    public static string RequireDataFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new CliException($"data file is a folder, not a candle file: {full}");
        if (!File.Exists(full))
            throw new CliException($"data file not found: {full}");
        return full;
    }

    /// <summary>The output file as an absolute path; its folder must exist so a long run does not end unable to write.</summary>
    public static string? RequireWritableOut(string? path, string option = "--out")
    {
        if (path is null)
            return null;
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException($"{option} must name a file (was empty)");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new CliException($"{option} names a folder, not a file: {full}");
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new CliException($"{option} folder does not exist: {folder}");
        return full;
    }

    /// <summary>Runs a token parser inside System.CommandLine, turning its <see cref="CliException"/> into a parse error.</summary>
    private static T? Parse<T>(ArgumentResult result, Func<string, T> parse)
    {
        // With no token the parser reports the missing value itself ("Required argument missing ...").
        if (result.Tokens.Count == 0)
            return default;
        try
        {
            return parse(result.Tokens[^1].Value);
        }
        catch (CliException e)
        {
            result.AddError(e.Message);
            return default;
        }
    }

    /// <summary>--instruments: several instruments side by side, each on its own shipped series or a file given (backtest, research).</summary>
    public static Option<string?> Instruments() => new("--instruments")
    {
        Description = "Trade these instruments side by side, each on its own series aligned by bar time: the shipped one (OKX 1h mark prices, "
            + "2022-05..2026-01; no volume, so fills are not capped by it), e.g. okx:BTC-USDT-SWAP,okx:ETH-USDT-SWAP,okx:SOL-USDT-SWAP, "
            + "or a candle file given as ID=FILE, its bars gathered into an OKX bar with ID=FILE@BAR (okx:BTC-USDT-SWAP=btc-15m.csv@1H). "
            + "Default: the configured instruments on --data",
        HelpName = "ID[=FILE[@BAR]],...",
    };

    /// <summary>The series of each instrument named (its shipped one, or the file given), checked before anything runs.</summary>
    /// <remarks>Null when <paramref name="list"/> is: the run is on one file (<paramref name="data"/> or the default).</remarks>
    public static List<InstrumentSeriesFile>? InstrumentSeries(string? list, string? data, Prometheus.Engine.Configuration.EngineOptions options)
    {
        if (list is null) return null;
        if (data is not null)
            throw new CliException("--data and --instruments: give one (--instruments prices each instrument by its own series)");
        var entries = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
            throw new CliException("--instruments must name at least one instrument, e.g. okx:BTC-USDT-SWAP,okx:ETH-USDT-SWAP");
        var files = new List<InstrumentSeriesFile>();
        foreach (var entry in entries)
        {
            var (id, file) = entry.IndexOf('=') is var eq and > 0 ? (entry[..eq].Trim(), entry[(eq + 1)..].Trim()) : (entry, null);
            if (!options.Instruments.Contains(id))
                throw new CliException($"--instruments: '{id}' is not a known instrument (known: {string.Join(", ", options.Instruments.Select(i => i.Id))})");
            if (files.Any(f => f.InstrumentId == id))
                throw new CliException($"--instruments names an instrument twice ({id})");
            files.Add(file is null ? Shipped(id) : Given(id, file));
        }
        return files;
    }

    private static InstrumentSeriesFile Shipped(string id) => ShippedData.InstrumentSeries.TryGetValue(id, out var path)
        ? new InstrumentSeriesFile(id, RequireDataFile(ShippedData.Resolve(path)), RecordsNoVolume: true)
        : throw new CliException($"--instruments: no price series is shipped for {id} (shipped: {string.Join(", ", ShippedData.InstrumentSeries.Keys)}); give one as {id}=FILE");

    /// <summary>ID=FILE[@BAR]: a candle file with volume (a shipped mark price file is read as one without), gathered into BAR when given.</summary>
    private static InstrumentSeriesFile Given(string id, string spec)
    {
        var at = spec.LastIndexOf('@');
        var (path, barName) = at > 0 ? (spec[..at], spec[(at + 1)..]) : (spec, null);
        if (path.Length == 0)
            throw new CliException($"--instruments: {id}= must name a candle file");
        OkxBar? bar = null;
        if (barName is not null)
            bar = OkxBars.TryGet(barName, out var known) ? known
                : throw new CliException($"--instruments: {id}: '{barName}' is not an OKX bar (one of {string.Join(", ", OkxBars.Known)})");
        var resolved = RequireDataFile(Path.GetFullPath(path)); // as --data: from the working directory
        var noVolume = ShippedData.InstrumentSeries.Values.Any(p => Path.GetFileName(p) == Path.GetFileName(resolved)); // a shipped mark file, wherever it is
        return new InstrumentSeriesFile(id, resolved, noVolume, bar);
    }
}
