using System.Collections;
using System.Text.Json;
using Prometheus.Engine.Persistence;

namespace Prometheus.Engine.Exchange;

/// <summary>
/// The instruments the product knows, in a stable order: the shipped catalog (instruments.json, embedded, OKX's
/// published specs) with configuration's Prometheus:Instruments laid over it (an entry with a known id replaces it, a new
/// id adds an instrument). Looked up by the venue's symbol (BTC-USDT-SWAP) or the full id (okx:BTC-USDT-SWAP).
/// </summary>
public sealed class InstrumentCatalog : IReadOnlyList<Instrument>
{
    private const string ShippedResource = "Prometheus.Engine.Exchange.instruments.json";
    private static readonly Lazy<InstrumentCatalog> ShippedCatalog = new(LoadShipped);

    private readonly List<Instrument> _instruments;
    private readonly Dictionary<string, Instrument> _byInstId;
    private readonly Dictionary<string, Instrument> _byId;

    public InstrumentCatalog(IEnumerable<Instrument> instruments)
    {
        _instruments = [.. instruments];
        _byInstId = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        _byId = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (var instrument in _instruments)
        {
            if (!_byId.TryAdd(instrument.Id, instrument))
                throw new ArgumentException($"The instrument {instrument.Id} is listed twice.", nameof(instruments));
            if (!_byInstId.TryAdd(instrument.InstId, instrument))
                throw new ArgumentException($"Two venues list {instrument.InstId}: one engine trades one venue's symbols.", nameof(instruments));
        }
    }

    /// <summary>The instruments shipped with the product (Prometheus.Engine/Exchange/instruments.json).</summary>
    public static InstrumentCatalog Shipped => ShippedCatalog.Value;

    public int Count => _instruments.Count;
    public Instrument this[int index] => _instruments[index];

    /// <summary>By the venue's symbol (BTC-USDT-SWAP) or the full id (okx:BTC-USDT-SWAP).</summary>
    public Instrument Get(string instIdOrId) =>
        TryGet(instIdOrId) ?? throw new ArgumentException(
            $"Unknown instrument '{instIdOrId}' (known: {string.Join(", ", _instruments.Select(i => i.Id))}).", nameof(instIdOrId));

    public Instrument? TryGet(string? instIdOrId) =>
        instIdOrId is null ? null
        : _byInstId.TryGetValue(instIdOrId, out var bySymbol) ? bySymbol
        : _byId.GetValueOrDefault(instIdOrId);

    public bool Contains(string? instIdOrId) => TryGet(instIdOrId) is not null;

    /// <summary>This catalog with <paramref name="specs"/> laid over it (call only with specs found valid).</summary>
    public InstrumentCatalog With(IEnumerable<InstrumentSpec> specs)
    {
        var merged = new List<Instrument>(_instruments);
        foreach (var instrument in specs.Select(s => s.ToInstrument()))
        {
            var at = merged.FindIndex(i => i.Id == instrument.Id);
            if (at >= 0) merged[at] = instrument;
            else merged.Add(instrument);
        }
        return new InstrumentCatalog(merged);
    }

    /// <summary>"okx:BTC-USDT-SWAP" as (venue, symbol); null when it is not venue:symbol.</summary>
    public static (string Venue, string InstId)? ParseId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == id.Length - 1 || id.IndexOf(':', colon + 1) >= 0) return null;
        var (venue, instId) = (id[..colon], id[(colon + 1)..]);
        return venue.All(char.IsAsciiLetterLower) && instId.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-')
            ? (venue, instId) : null;
    }

    public IEnumerator<Instrument> GetEnumerator() => _instruments.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static InstrumentCatalog LoadShipped()
    {
        using var stream = typeof(InstrumentCatalog).Assembly.GetManifestResourceStream(ShippedResource)
                           ?? throw new InvalidOperationException($"The shipped instrument catalog {ShippedResource} is missing from the build.");
        var specs = JsonSerializer.Deserialize<List<InstrumentSpec>>(stream, EngineJson.Options)
                    ?? throw new InvalidOperationException("The shipped instrument catalog is empty.");
        var errors = specs.SelectMany((s, i) => s.Validate($"instruments.json[{i}]")).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("The shipped instrument catalog is invalid: " + string.Join("; ", errors));
        return new InstrumentCatalog([]).With(specs);
    }
}
