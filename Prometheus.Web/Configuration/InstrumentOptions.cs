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

    public static InstrumentOptions Load(IConfiguration configuration)
    {
        var options = new InstrumentOptions { _mastermind = OptionsSection.Bind<MastermindOptions>(configuration, MastermindOptions.Section) };
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
        _errors.Clear();
        _errors.AddRange(loaded._errors);
    }

    /// <summary>The specs' problems, then the traded list's against the catalog.</summary>
    public IEnumerable<string> Validate() =>
        _errors.Count > 0 ? _errors : new EngineOptions { Instruments = Catalog, Mastermind = _mastermind }.Validate().Where(IsAboutInstruments);

    private static bool IsAboutInstruments(string error) =>
        error.StartsWith(MastermindOptions.Section + ":Instruments", StringComparison.Ordinal);
}
