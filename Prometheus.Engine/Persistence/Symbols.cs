using System.Text;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// One string per instrument symbol read from the store: a restore reads a symbol per record (a million of them), and
/// the records keep the shared one rather than a copy each. Copy-on-write: reads take no lock.
/// </summary>
internal static class Symbols
{
    private static (byte[] Utf8, string Text)[] _known = [];
    private static readonly Lock Adding = new();

    public static string Intern(string symbol) => Intern(Encoding.UTF8.GetBytes(symbol), symbol);

    public static string Intern(ReadOnlySpan<byte> utf8) => Intern(utf8, null);

    private static string Intern(ReadOnlySpan<byte> utf8, string? text)
    {
        foreach (var (bytes, known) in Volatile.Read(ref _known))
            if (utf8.SequenceEqual(bytes)) return known;
        lock (Adding)
        {
            foreach (var (bytes, known) in _known)
                if (utf8.SequenceEqual(bytes)) return known;
            text ??= Encoding.UTF8.GetString(utf8);
            // A store holds a handful of symbols; a flood of distinct ones (a corrupt row each) is not kept.
            if (_known.Length < 256) Volatile.Write(ref _known, [.. _known, (utf8.ToArray(), text)]);
            return text;
        }
    }
}
