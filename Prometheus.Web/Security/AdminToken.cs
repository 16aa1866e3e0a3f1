using System.Security.Cryptography;
using System.Text;

namespace Prometheus.Web.Security;

/// <summary>
/// The one secret that lets a person act: Prometheus:AdminToken when configured; otherwise generated at the first
/// start (32 random bytes, base64url) and kept in &lt;DataDir&gt;/admin-token with mode 0600. Never logged, never in
/// the database, never in <see cref="ToString"/>.
/// </summary>
public sealed class AdminToken
{
    public const string Key = "Prometheus:AdminToken";
    public const string FileName = "admin-token";
    public const int MinimumLength = 16;

    private readonly byte[] _value;

    private AdminToken(string value, bool generated, string? file)
    {
        _value = Encoding.UTF8.GetBytes(value);
        Value = value;
        WasGenerated = generated;
        FilePath = file;
    }

    /// <summary>The token itself: only for the one-time dashboard link and for comparisons.</summary>
    internal string Value { get; }

    /// <summary>True when this start generated it (and so it is shown once).</summary>
    public bool WasGenerated { get; }

    /// <summary>Where the generated token is kept; null when it comes from configuration.</summary>
    public string? FilePath { get; }

    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A configured token is too short.</exception>
    public static AdminToken Resolve(IConfiguration configuration, string dataDir)
    {
        var configured = configuration[Key];
        if (!string.IsNullOrEmpty(configured))
        {
            if (configured.Length < MinimumLength || configured.Any(char.IsWhiteSpace))
                throw new Microsoft.Extensions.Options.OptionsValidationException(Key, typeof(string),
                    [$"{Key} must be at least {MinimumLength} characters with no spaces (it is the key to trading controls)"]);
            return new AdminToken(configured, generated: false, file: null);
        }
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            var saved = File.ReadAllText(path).Trim();
            if (saved.Length >= MinimumLength)
                return new AdminToken(saved, generated: false, path);
        }
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options))
        using (var writer = new StreamWriter(file))
            writer.Write(token);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new AdminToken(token, generated: true, path);
    }

    /// <summary>Compares in constant time.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_value, Encoding.UTF8.GetBytes(candidate));

    public override string ToString() => "AdminToken(***)";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
