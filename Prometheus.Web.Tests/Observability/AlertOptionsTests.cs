using Prometheus.Web.Hosting;
using Prometheus.Web.Observability.Alerts;

namespace Prometheus.Web.Tests.Observability;

/// <summary>Prometheus:Alerts: bad values stop the start with a message naming the key, and never the secret itself.</summary>
public sealed class AlertOptionsTests
{
    [Fact]
    public void An_unknown_kind_is_named_with_its_key_and_the_known_kinds()
    {
        var errors = new AlertOptions { Kinds = ["BreakerTripped,Breaker"] }.Validate().ToList();

        var error = Assert.Single(errors);
        Assert.StartsWith("Prometheus:Alerts:Kinds has an unknown kind 'Breaker'", error);
        Assert.Contains("GatewayDisconnected", error);
    }

    [Fact]
    public void A_bot_token_without_a_chat_is_refused_naming_the_missing_key_not_the_token()
    {
        var error = Assert.Single(new AlertOptions { Telegram = { BotToken = AlertKit.BotToken } }.Validate());

        Assert.Equal("Prometheus:Alerts:Telegram:ChatId must be set when Prometheus:Alerts:Telegram:BotToken is", error);
    }

    [Fact]
    public void A_webhook_url_that_is_not_http_is_refused_without_echoing_it()
    {
        var error = Assert.Single(new AlertOptions { Webhook = { Url = "ftp://user:pw-secret@host/x" } }.Validate());

        Assert.StartsWith("Prometheus:Alerts:Webhook:Url must be an absolute http or https URL", error);
        Assert.DoesNotContain("pw-secret", error);
    }

    [Fact]
    public void Unset_means_off_and_the_defaults_are_valid()
    {
        var options = new AlertOptions();

        Assert.Empty(options.Validate());
        Assert.False(options.Enabled);
        Assert.Equal(AlertOptions.DefaultTelegramBaseUrl, options.Telegram.BaseUrl);
    }

    [Fact]
    public async Task A_bad_alert_setting_stops_the_start_naming_the_key()
    {
        await using var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], CliRunner.WithTempDataDir(new Dictionary<string, string?>
        {
            ["Prometheus:Alerts:Webhook:Url"] = "http://127.0.0.1:9/hook",
            ["Prometheus:Alerts:Kinds"] = "Fill,Tripped",
            ["Prometheus:Alerts:Telegram:Token"] = "misspelt key",
        }));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("Prometheus:Alerts:Kinds has an unknown kind 'Tripped'", error.Message);
        Assert.Contains("Prometheus:Alerts:Telegram:Token is not a known setting", error.Message);
    }

    [Fact]
    public async Task Kinds_may_be_given_as_a_list()
    {
        await using var app = PrometheusHost.Build(["--urls", "http://127.0.0.1:0"], CliRunner.WithTempDataDir(new Dictionary<string, string?>
        {
            ["Prometheus:Alerts:Webhook:Url"] = "http://127.0.0.1:9/hook",
            ["Prometheus:Alerts:Kinds:0"] = "Orphan",
            ["Prometheus:Alerts:Kinds:1"] = "fill",
        }));

        var queue = (AlertQueue)app.Services.GetService(typeof(AlertQueue))!;

        Assert.Equal(new HashSet<AlertKind> { AlertKind.Orphan, AlertKind.Fill }, queue.Kinds);
    }
}
