using System.Globalization;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Market;
using Prometheus.Web.Cli;
using Prometheus.Web.Configuration;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Reports;

/// <summary>
/// Backtests started from the browser or the API: the backtest verb's run (<see cref="BacktestRunner"/> over the candle
/// file paper trading replays, with the shipped funding history and the host's configuration) on a pool thread, off the
/// trading loop; one at a time. Its progress is read through <see cref="Current"/>; its report is written to the reports
/// folder when done. The host's stop cancels a run (the hosted service's StopAsync waits for it to end).
/// Every input is checked before anything starts (and before whether one runs): a refusal names the field and changes nothing.
/// </summary>
public sealed class BacktestJobs(
    ReportsFolder reports,
    EngineOptions options,
    IOptions<PaperOptions> paper,
    EngineRuntime runtime,
    TimeProvider time,
    ILogger<BacktestJobs> logger) : IHostedService, IDisposable
{
    public const int DefaultAgents = 10, MaxAgents = 1000, DefaultDays = 60, DefaultSeed = 42;
    public const string AuditAction = "backtest-start";

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _spanGate = new(1, 1);
    private (DateOnly First, DateOnly Last)? _span;
    private BacktestJobView _current = BacktestJobView.None;
    private Task _running = Task.CompletedTask;

    /// <summary>
    /// The market a backtest runs over, the one paper trading replays: its series per traded instrument (each on its own
    /// file or its coin's) when it replays several, else null and its one file (<see cref="PaperOptions.DataPath"/>).
    /// </summary>
    private IReadOnlyList<InstrumentSeriesFile>? Series => paper.Value.Series is { Length: > 0 } series
        ? [.. options.Traded.Select(t => series[ReplayMarket.SeriesFor(series, options.Instruments, t)].ToFile() with { InstrumentId = t.Id })]
        : null;

    /// <summary>The candle files a backtest runs over, by name.</summary>
    public string DataFiles => paper.Value.Series is { Length: > 0 } series
        ? string.Join(", ", series.Select(s => $"{s.Instrument} on {Path.GetFileName(s.DataPath)}"))
            + (series.Select(s => s.Bar).Where(b => b.Length > 0).Distinct().ToList() is [var bar] ? $", aligned at {bar}" : "")
        : Path.GetFileName(paper.Value.DataPath);

    public BacktestJobView Current
    {
        get { lock (_gate) return _current; }
    }

    public async Task<BacktestStart> StartBacktestAsync(BacktestRequest request, string actor, CancellationToken ct = default)
    {
        var agents = request.Agents ?? DefaultAgents;
        if (agents is < 1 or > MaxAgents)
            return new BacktestStart.Invalid("agents", $"agents must be between 1 and {MaxAgents} (was {agents})");
        GeneProfile? profile = null;
        if (request.Profile is not null && !GeneProfile.TryGet(request.Profile, out profile))
            return new BacktestStart.Invalid("profile",
                $"profile must be one of {string.Join(", ", GeneProfile.All.Select(p => p.Name))} (was '{Shorten(request.Profile)}')");

        var (first, last) = await DataSpanAsync(ct);
        var range = $"the data runs from {Iso(first)} to {Iso(last)}";
        if (request.From is { } f && (f < first || f > last)) return new BacktestStart.Invalid("from", $"from {Iso(f)} is outside the data: {range}");
        if (request.To is { } t && (t < first || t > last)) return new BacktestStart.Invalid("to", $"to {Iso(t)} is outside the data: {range}");
        var (from, to) = Range(request.From, request.To, first, last);
        if (from > to) return new BacktestStart.Invalid("from", $"from {Iso(from)} is after to {Iso(to)}");
        // The indicators warm up on the first days; they are never traded.
        var warmupDays = options.Market.RegimeWindowDays;
        if (to.DayNumber - from.DayNumber + 1 <= warmupDays)
            return new BacktestStart.Invalid("from",
                $"from {Iso(from)} to {Iso(to)} is {to.DayNumber - from.DayNumber + 1} days: the indicators' warm-up takes {warmupDays} days, give more");

        var seed = request.Seed ?? DefaultSeed;
        var funding = ShippedData.FundingRates(options.Backtest.DefaultFundingRate);
        var settings = new BacktestSettings(paper.Value.DataPath, agents, seed, from, to, Profile: profile?.Name, Funding: funding, Series: Series);
        BacktestJobView started;
        lock (_gate)
        {
            if (_current.State == BacktestJobView.Running) return Busy();
            if (_stopping.IsCancellationRequested) return new BacktestStart.Busy("the host is stopping");
            started = _current = new BacktestJobView(BacktestJobView.Running, 0, time.GetUtcNow(), null, null, null, agents, from, to, seed,
                profile?.Name ?? options.Evolution.GeneProfile.Name);
            _running = Task.Run(() => Run(settings), CancellationToken.None);
        }
        if (runtime.Store is { } store)
            await store.AuditAsync(actor, AuditAction, $"{agents} agents, {Iso(from)} to {Iso(to)}, seed {seed}, profile {started.Profile}");
        return new BacktestStart.Started(started);
    }

    private static BacktestStart Busy() =>
        new BacktestStart.Busy("a backtest is running: one at a time (GET /api/backtests/current shows its progress)");

    /// <summary>The asked range with its defaults: the last <see cref="DefaultDays"/> days of the data, or that many days from or to the day given.</summary>
    private static (DateOnly From, DateOnly To) Range(DateOnly? from, DateOnly? to, DateOnly first, DateOnly last) => (from, to) switch
    {
        ({ } f, { } t) => (f, t),
        ({ } f, null) => (f, Min(f.AddDays(DefaultDays - 1), last)),
        (null, { } t) => (Max(t.AddDays(-(DefaultDays - 1)), first), t),
        _ => (Max(last.AddDays(-(DefaultDays - 1)), first), last),
    };

    private void Run(BacktestSettings settings)
    {
        var ct = _stopping.Token;
        try
        {
            var report = BacktestRunner.Run(settings, options, new ProgressSink(this), ct);
            var name = Write(report);
            Finish(j => j with { State = BacktestJobView.Done, Progress = 1, ReportName = name });
            logger.LogInformation("Backtest from the dashboard done: {Report}", name);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Finish(j => j with { State = BacktestJobView.Cancelled, Error = "the host stopped before the backtest ended" });
        }
        catch (Exception e) when (e is BacktestInputException or CandleDataException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Finish(j => j with { State = BacktestJobView.Failed, Error = e.Message });
        }
        catch (Exception e)
        {
            logger.LogError(e, "Backtest from the dashboard failed");
            Finish(j => j with { State = BacktestJobView.Failed, Error = $"the backtest failed: {e.Message}" });
        }
    }

    /// <summary>Writes the report under a new name (never over another file), whole or not at all.</summary>
    private string Write(BacktestReport report)
    {
        var folder = reports.Ensure().FullName;
        var stem = $"backtest-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-seed{report.Seed}";
        var temp = Path.Combine(folder, $".{stem}.{Guid.NewGuid():N}.part");
        File.WriteAllText(temp, ReportJson.Serialize(report) + Environment.NewLine);
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? stem + ReportsFolder.Extension : $"{stem}-{n}{ReportsFolder.Extension}";
            try
            {
                File.Move(temp, Path.Combine(folder, name), overwrite: false);
                return name;
            }
            catch (IOException) when (File.Exists(Path.Combine(folder, name)) && n < 1000)
            {
                // taken: try the next number
            }
        }
    }

    private void Finish(Func<BacktestJobView, BacktestJobView> change)
    {
        lock (_gate) _current = change(_current) with { FinishedAt = time.GetUtcNow() };
    }

    private void Progressed(BacktestProgress progress)
    {
        if (progress.BarsTotal <= 0) return;
        var done = Math.Clamp((double)progress.BarsDone / progress.BarsTotal, 0, 1);
        lock (_gate)
            if (_current.State == BacktestJobView.Running && done > _current.Progress) _current = _current with { Progress = done };
    }

    /// <summary>The first and last days of the candle file (or the days all series cover), read once.</summary>
    public async Task<(DateOnly First, DateOnly Last)> DataSpanAsync(CancellationToken ct = default)
    {
        await _spanGate.WaitAsync(ct);
        try
        {
            return _span ??= await Task.Run(() =>
            {
                if (paper.Value.Series is { Length: > 0 } files)
                {
                    // The days every series covers: the span the aligned backtest runs over (each file read once).
                    var aligned = new AlignedSeries([.. files.Select(f => CandleSeries.Load(f.Instrument, f.DataPath, f.RecordsNoVolume, f.GatheredInto))]);
                    return (Day(aligned.FirstOpenMs), Day(aligned.LastOpenMs));
                }
                long first = long.MaxValue, last = long.MinValue;
                foreach (var candle in CandleFileReader.Read(paper.Value.DataPath))
                {
                    first = Math.Min(first, candle.TimestampMs);
                    last = Math.Max(last, candle.TimestampMs);
                }
                if (first > last) throw new InvalidDataException($"{paper.Value.DataPath} holds no candles");
                return (Day(first), Day(last));
            }, ct);
        }
        finally
        {
            _spanGate.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task running;
        lock (_gate)
        {
            _stopping.Cancel();
            running = _running;
        }
        await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _spanGate.Dispose();
    }

    private static DateOnly Day(long unixMs) => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime);
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;

    private sealed class ProgressSink(BacktestJobs jobs) : IProgress<BacktestProgress>
    {
        public void Report(BacktestProgress value) => jobs.Progressed(value);
    }
}
