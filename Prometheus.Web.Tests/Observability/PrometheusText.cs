using System.Globalization;
using System.Text.RegularExpressions;

namespace Prometheus.Web.Tests.Observability;

/// <summary>
/// A strict reader of the Prometheus text exposition format (0.0.4), line by line: "# HELP name text", "# TYPE name
/// counter|gauge|histogram|summary|untyped", and samples "name{label="value",...} value". Throws on any line that is
/// none of these, on a sample whose family has no HELP and TYPE before it, and on a value that is not a float.
/// </summary>
public sealed partial class PrometheusText
{
    public Dictionary<string, string> Help { get; } = [];
    public Dictionary<string, string> Types { get; } = [];
    public List<(string Family, string Name, Dictionary<string, string> Labels, double Value)> Samples { get; } = [];

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)( -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(\\.|[^"\\])*)",?""")]
    private static partial Regex LabelPair();

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var rest = line["# HELP ".Length..];
                var space = rest.IndexOf(' ');
                Assert.True(space > 0, $"HELP without text: {line}");
                parsed.Help[rest[..space]] = rest[(space + 1)..];
                continue;
            }
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.True(parts.Length == 4, $"malformed TYPE: {line}");
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                parsed.Types[parts[2]] = parts[3];
                continue;
            }
            if (line.StartsWith('#')) continue; // a comment
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var name = match.Groups["name"].Value;
            var family = parsed.FamilyOf(name);
            Assert.True(parsed.Help.ContainsKey(family) && parsed.Types.ContainsKey(family), $"sample before its family's HELP and TYPE: {line}");
            var labels = new Dictionary<string, string>();
            foreach (Match pair in LabelPair().Matches(match.Groups["labels"].Value))
                labels[pair.Groups["key"].Value] = pair.Groups["value"].Value;
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            parsed.Samples.Add((family, name, labels, value));
        }
        return parsed;
    }

    /// <summary>A histogram's samples are its family's name with _bucket, _sum or _count.</summary>
    private string FamilyOf(string sample)
    {
        if (Types.ContainsKey(sample)) return sample;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            if (sample.EndsWith(suffix, StringComparison.Ordinal) && Types.TryGetValue(sample[..^suffix.Length], out var type) && type is "histogram" or "summary")
                return sample[..^suffix.Length];
        return sample;
    }

    /// <summary>The sum of a sample's values over every label set (0 when it has none).</summary>
    public double Sum(string sample) => Samples.Where(s => s.Name == sample).Sum(s => s.Value);

    public double? Value(string sample, string label, string labelValue) =>
        Samples.Where(s => s.Name == sample && s.Labels.GetValueOrDefault(label) == labelValue).Select(s => (double?)s.Value).FirstOrDefault();
}
