namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// Masks every configured secret (the bot token, the webhook URL and its credentials, the admin token) in a text
/// before it is logged, kept or sent: an exception's message or an endpoint's answer may quote what it was given.
/// </summary>
public sealed class SecretScrubber(IEnumerable<string> secrets)
{
    public const string Mask = "***";
    // Longest first, so a secret that contains another is masked whole.
    private readonly string[] _secrets = [.. secrets.Where(s => s.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}
