using Microsoft.Extensions.Configuration;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Configuration;

/// <summary>
/// The instrument catalog as configured: the shipped specs with Prometheus:Instruments (a list of
/// <see cref="InstrumentSpec"/>) laid over them, and the check that what Prometheus:Mastermind:Instruments trades is in it.
/// Read from configuration once; every problem is a line naming its key (Prometheus:Instruments:2:LotSz ...).
/// </summary>
public sealed class InstrumentOptions : IValidatable
{
    public const string Section = "Prometheus:Instruments";

    private readonly List<string> _errors = [];

    public InstrumentCatalog Catalog { get; private set; } = InstrumentCatalog.Shipped;

    /// <summary>The traded ids, kept to check against the catalog.</summary>
    private MastermindOptions _mastermind = new();

    /// <summary>The instruments Prometheus:Paper:Series gives a file of their own, when paper trading replays several series.</summary>
    private List<string>? _paperSeries;

    /// <summary>
    /// Paper trading replays a series per instrument (Prometheus:Paper:Series on the simulated exchange), and on OKX each
    /// coin traded has its own bars: the traded instruments may span several coins. Otherwise one series prices them
    /// all, and they must share one.
    /// </summary>
    public bool SeveralSeries => _paperSeries is not null || _simSeries || _onOkx;

    private bool _simSeries, _onOkx;

    public static InstrumentOptions Load(IConfiguration configuration)
    {
        var options = new InstrumentOptions { _mastermind = OptionsSection.Bind<MastermindOptions>(configuration, MastermindOptions.Section) };
        var series = configuration.GetSection(PaperOptions.Section + ":Series").GetChildren().Select(c => c["Instrument"] ?? "").ToList();
        var onOkx = string.Equals(configuration[ExchangeOptions.Section + ":Mode"], nameof(ExchangeMode.Okx), StringComparison.OrdinalIgnoreCase);
        if (series.Count > 0 && !onOkx) options._paperSeries = series;
        options._onOkx = onOkx;
        // exchange-sim's own replay (Prometheus:Sim:Series) prices several coins too; serve checks its paper feed at start.
        options._simSeries = configuration.GetSection(Prometheus.Web.ExchangeSim.ExchangeSimOptions.Section + ":Series").GetChildren().Any();
        var specs = new List<InstrumentSpec>();
        foreach (var child in configuration.GetSection(Section).GetChildren())
        {
            var key = $"{Section}:{child.Key}";
            options._errors.AddRange(OptionsSection.UnknownKeys<InstrumentSpec>(configuration, key));
            var spec = new InstrumentSpec();
            try
            {
                child.Bind(spec);
            }
            catch (InvalidOperationException e)
            {
                options._errors.Add($"{key}: {e.InnerException?.Message ?? e.Message}");
                continue;
            }
            var problems = spec.Validate(key).ToList();
            options._errors.AddRange(problems);
            if (problems.Count > 0) continue;
            if (specs.Any(s => s.Id == spec.Id)) options._errors.Add($"{key}:Id {spec.Id} is configured twice");
            else specs.Add(spec);
        }
        try
        {
            options.Catalog = InstrumentCatalog.Shipped.With(specs);
        }
        catch (ArgumentException e)
        {
            options._errors.Add($"{Section}: {e.Message}");
        }
        return options;
    }

    /// <summary>Takes what <paramref name="loaded"/> read (the options pipeline builds its own instance).</summary>
    internal void CopyFrom(InstrumentOptions loaded)
    {
        Catalog = loaded.Catalog;
        _mastermind = loaded._mastermind;
        _paperSeries = loaded._paperSeries;
        _simSeries = loaded._simSeries;
        _onOkx = loaded._onOkx;
        _errors.Clear();
        _errors.AddRange(loaded._errors);
    }

    /// <summary>The specs' problems, then the traded list's against the catalog.</summary>
    public IEnumerable<string> Validate()
    {
        if (_errors.Count > 0) return _errors;
        var options = new EngineOptions { Instruments = Catalog, Mastermind = _mastermind };
        return (SeveralSeries ? options.ValidateForAlignedSeries().Concat(Unpriced(options)) : options.Validate()).Where(IsAboutInstruments);
    }

    /// <summary>The engine's options checked as the configured market drives them: one series, or one per instrument.</summary>
    public IEnumerable<string> Validate(EngineOptions options) => SeveralSeries ? options.ValidateForAlignedSeries() : options.Validate();

    /// <summary>Traded instruments the paper replay has no series for (neither their own nor one on their coin).</summary>
    private IEnumerable<string> Unpriced(EngineOptions options)
    {
        if (_paperSeries is null || options.Mastermind.InstrumentIds.Any(id => !Catalog.Contains(id))) yield break; // said already
        var named = _paperSeries.Where(Catalog.Contains).Select(Catalog.Get).ToList();
        foreach (var traded in options.Traded.Where(t => !named.Any(n => n.Id == t.Id || n.BaseCcy == t.BaseCcy)))
            yield return $"{MastermindOptions.Section}:Instruments: {traded.Id} is traded but {PaperOptions.Section}:Series has no series for it or its coin {traded.BaseCcy}";
    }

    private static bool IsAboutInstruments(string error) =>
        error.StartsWith(MastermindOptions.Section + ":Instruments", StringComparison.Ordinal);
}
