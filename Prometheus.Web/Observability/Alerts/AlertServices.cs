using Microsoft.Extensions.Options;
using Prometheus.Web.Configuration;
using Prometheus.Web.Security;

namespace Prometheus.Web.Observability.Alerts;

/// <summary>The alerts' wiring: options (validated with the others), the queue, its history, the sources, the dispatcher, the destinations.</summary>
public static class AlertServices
{
    public static IServiceCollection AddPrometheusAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        // Kinds may come as a list (Kinds:0, Kinds:1 ..., bound as such) or as one comma-separated value, read here.
        services.PostConfigure<AlertOptions>(o =>
        {
            if (configuration[$"{AlertOptions.Section}:{nameof(AlertOptions.Kinds)}"] is { } value) o.Kinds = [value];
        });
        services.AddSingleton<IValidateOptions<AlertOptions>>(new NestedKeysValidator(configuration));

        // No logging handler: the Bot API's address carries the token, and a logged request line would show it.
        services.AddHttpClient(AlertDispatcher.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<AlertHistory>();
        services.AddSingleton(sp => new SecretScrubber(
            sp.GetRequiredService<IOptions<AlertOptions>>().Value.Secrets().Append(sp.GetRequiredService<AdminTokenHolder>().Token.Value)));
        services.AddSingleton<AlertQueue>();
        services.AddSingleton<AlertSources>();
        services.AddSingleton<IEngineWatcher>(sp => sp.GetRequiredService<AlertSources>());
        services.AddSingleton<IAlertDestination, WebhookDestination>();
        services.AddSingleton<IAlertDestination, TelegramDestination>();
        services.AddHostedService<AlertDispatcher>();
        return services;
    }

    /// <summary>A misspelt key under Prometheus:Alerts:Webhook or :Telegram stops the start as any other would.</summary>
    private sealed class NestedKeysValidator(IConfiguration configuration) : IValidateOptions<AlertOptions>
    {
        public ValidateOptionsResult Validate(string? name, AlertOptions options)
        {
            var errors = OptionsSection.UnknownKeys<WebhookAlertOptions>(configuration, $"{AlertOptions.Section}:Webhook")
                .Concat(OptionsSection.UnknownKeys<TelegramAlertOptions>(configuration, $"{AlertOptions.Section}:Telegram"))
                .ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
