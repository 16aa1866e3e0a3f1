namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// An OKX API key, its secret and its passphrase. The values never leave this type except to sign a request
/// (<see cref="OkxSigner"/>) or to fill the OK-ACCESS headers: <see cref="ToString"/> and the record's generated
/// printing show only the key's last four characters, so a credential in a log line or an exception is harmless.
/// </summary>
public sealed class OkxCredentials
{
    public OkxCredentials(string apiKey, string secretKey, string passphrase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(passphrase);
        ApiKey = apiKey;
        SecretKey = secretKey;
        Passphrase = passphrase;
    }

    public string ApiKey { get; }

    public string SecretKey { get; }

    public string Passphrase { get; }

    /// <summary>"***" plus the key's last four characters: enough to tell two keys apart in a log, no more.</summary>
    public string RedactedKey => Redact(ApiKey);

    public static string Redact(string? value) =>
        string.IsNullOrEmpty(value) ? "(none)" : value.Length <= 8 ? "***" : "***" + value[^4..];

    public override string ToString() => $"OkxCredentials {{ ApiKey = {RedactedKey}, SecretKey = ***, Passphrase = *** }}";
}
