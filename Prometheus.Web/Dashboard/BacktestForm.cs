using System.Globalization;
using Prometheus.Web.Reports;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The Research page's "Run a backtest" form (POST /controls/backtests/start): its fields read into a
/// <see cref="BacktestRequest"/> (an empty field takes the default), then started as the API starts one. A field that does
/// not parse, or that the run refuses, is named in the refusal; nothing starts.
/// </summary>
public static class BacktestForm
{
    public const string DateFormat = "yyyy-MM-dd";

    public static async Task<DeskResult> StartAsync(BacktestJobs jobs, string actor, IFormCollection form)
    {
        if (Whole(form, "agents") is not { Ok: true } agents) return Refused("agents must be a whole number of agents");
        if (Whole(form, "seed") is not { Ok: true } seed) return Refused("seed must be a whole number");
        if (Day(form, "from") is not { Ok: true } from) return Refused($"from must be a date ({DateFormat})");
        if (Day(form, "to") is not { Ok: true } to) return Refused($"to must be a date ({DateFormat})");
        var profile = form["profile"].ToString().Trim();

        return await jobs.StartBacktestAsync(new BacktestRequest(agents.Value, from.Value, to.Value, seed.Value, profile.Length == 0 ? null : profile),
            actor + " (dashboard)") switch
        {
            BacktestStart.Started s => DeskResult.Done(
                $"Backtest started: {s.Job.Agents} agents, {s.Job.From:yyyy-MM-dd} to {s.Job.To:yyyy-MM-dd}, seed {s.Job.Seed}."),
            BacktestStart.Invalid i => Refused(i.Error),
            BacktestStart.Busy b => Refused(b.Error),
            _ => throw new InvalidOperationException("unknown start outcome"),
        };
    }

    private static DeskResult Refused(string error) => DeskResult.Refused(char.ToUpperInvariant(error[0]) + error[1..] + ".");

    private static (bool Ok, int? Value) Whole(IFormCollection form, string field)
    {
        var text = form[field].ToString().Trim();
        if (text.Length == 0) return (true, null);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? (true, value) : (false, null);
    }

    private static (bool Ok, DateOnly? Value) Day(IFormCollection form, string field)
    {
        var text = form[field].ToString().Trim();
        if (text.Length == 0) return (true, null);
        return DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? (true, value) : (false, null);
    }
}
