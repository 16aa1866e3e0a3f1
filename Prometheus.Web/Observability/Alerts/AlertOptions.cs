using Prometheus.Engine.Configuration;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>
/// Alerts to a webhook (a JSON POST) and to Telegram (Bot API sendMessage). Section: Prometheus:Alerts. A destination
/// left unset is off; with neither set, no alert is made. Secrets (the bot token, the webhook URL, which may carry
/// credentials) are never echoed in an error, a log line or an alert.
/// </summary>
public sealed class AlertOptions : IValidatable
{
    public const string Section = "Prometheus:Alerts";
    public const string DefaultTelegramBaseUrl = "https://api.telegram.org";

    public WebhookAlertOptions Webhook { get; set; } = new();
    public TelegramAlertOptions Telegram { get; set; } = new();

    /// <summary>The kinds switched on: a list, or one comma-separated value (read into the list at binding); unset means every kind but Fill.</summary>
    public string[]? Kinds { get; set; }

    /// <summary>How long an OKX WebSocket may stay down before GatewayDisconnected is sent.</summary>
    public int DisconnectedSeconds { get; set; } = 30;

    /// <summary>At most this many alerts of one kind a minute; more are recorded as rate limited, not sent.</summary>
    public int MaxPerMinute { get; set; } = 10;

    /// <summary>Alerts waiting to be sent at most; past it the oldest waiting is dropped (and counted).</summary>
    public int QueueCapacity { get; set; } = 100;

    /// <summary>Tries per destination for one alert (a network failure, a timeout, HTTP 429 or 5xx is tried again).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Wait before the second try; it doubles at each further one.</summary>
    public double RetryBaseSeconds { get; set; } = 2;

    /// <summary>How long one try may take before it counts as failed.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    public bool WebhookOn => !string.IsNullOrWhiteSpace(Webhook.Url);
    public bool TelegramOn => !string.IsNullOrWhiteSpace(Telegram.BotToken) && !string.IsNullOrWhiteSpace(Telegram.ChatId);
    public bool Enabled => WebhookOn || TelegramOn;

    /// <summary>The kinds switched on (valid once <see cref="Validate"/> found nothing).</summary>
    public IReadOnlySet<AlertKind> EnabledKinds => ParseKinds(Kinds).Kinds;

    /// <summary>Every secret an error or a log line must not show: the bot token and the webhook URL with its credentials.</summary>
    public IEnumerable<string> Secrets()
    {
        if (!string.IsNullOrWhiteSpace(Telegram.BotToken)) yield return Telegram.BotToken;
        if (string.IsNullOrWhiteSpace(Webhook.Url)) yield break;
        yield return Webhook.Url;
        if (Uri.TryCreate(Webhook.Url, UriKind.Absolute, out var url))
        {
            if (url.UserInfo.Length > 0) yield return url.UserInfo;
            if (url.UserInfo.Split(':', 2) is [_, { Length: > 0 } password]) yield return password;
            if (url.Query.Length > 1) yield return url.Query.TrimStart('?');
            if (url.AbsolutePath.Length > 1) yield return url.AbsolutePath;
        }
    }

    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrWhiteSpace(Webhook.Url) && !IsHttpUrl(Webhook.Url))
            yield return $"{Section}:Webhook:Url must be an absolute http or https URL (the value is not shown: it may hold credentials)";
        var hasToken = !string.IsNullOrWhiteSpace(Telegram.BotToken);
        var hasChat = !string.IsNullOrWhiteSpace(Telegram.ChatId);
        if (hasToken && !hasChat)
            yield return $"{Section}:Telegram:ChatId must be set when {Section}:Telegram:BotToken is";
        if (hasChat && !hasToken)
            yield return $"{Section}:Telegram:BotToken must be set when {Section}:Telegram:ChatId is";
        if (!IsHttpUrl(Telegram.BaseUrl))
            yield return $"{Section}:Telegram:BaseUrl must be an absolute http or https URL (was '{Telegram.BaseUrl}')";
        foreach (var unknown in ParseKinds(Kinds).Unknown)
            yield return $"{Section}:Kinds has an unknown kind '{unknown}' (known: {string.Join(", ", Enum.GetNames<AlertKind>())})";
        foreach (var e in Check.Range($"{Section}:DisconnectedSeconds", DisconnectedSeconds, 1, 86_400)) yield return e;
        foreach (var e in Check.Range($"{Section}:MaxPerMinute", MaxPerMinute, 1, 10_000)) yield return e;
        foreach (var e in Check.Range($"{Section}:QueueCapacity", QueueCapacity, 1, 100_000)) yield return e;
        foreach (var e in Check.Range($"{Section}:MaxAttempts", MaxAttempts, 1, 20)) yield return e;
        foreach (var e in Check.Range($"{Section}:RetryBaseSeconds", RetryBaseSeconds, 0.001, 3600)) yield return e;
        foreach (var e in Check.Range($"{Section}:TimeoutSeconds", TimeoutSeconds, 0.1, 300)) yield return e;
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static (HashSet<AlertKind> Kinds, List<string> Unknown) ParseKinds(string[]? kinds)
    {
        if (kinds is null) return ([.. Enum.GetValues<AlertKind>().Where(k => k != AlertKind.Fill)], []);
        var set = new HashSet<AlertKind>();
        var unknown = new List<string>();
        foreach (var name in kinds.SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Enum.TryParse<AlertKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _)) set.Add(kind);
            else unknown.Add(name);
        }
        return (set, unknown);
    }
}

/// <summary>Prometheus:Alerts:Webhook. Url: where each alert is POSTed as JSON; unset means off.</summary>
public sealed class WebhookAlertOptions
{
    public string? Url { get; set; }
}

/// <summary>Prometheus:Alerts:Telegram: a bot (BotToken) writing to a chat (ChatId) through the Bot API at BaseUrl; unset means off.</summary>
public sealed class TelegramAlertOptions
{
    public string? BotToken { get; set; }
    public string? ChatId { get; set; }
    public string BaseUrl { get; set; } = AlertOptions.DefaultTelegramBaseUrl;
}
