using System.CommandLine;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Persistence;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.ReadOnly;
using Prometheus.Web.Hosting;
using Prometheus.Web.Security;

namespace Prometheus.Web.Cli;

/// <summary>
/// `serve` (the default verb): runs the web host and the engine until Ctrl+C, SIGTERM or --duration. Tokens it does not know
/// go to the host as configuration, as with any ASP.NET Core app (--environment Development,
/// --Prometheus:Agents:Initial=20).
/// </summary>
public static class ServeVerb
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string?>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';'. Default: ASPNETCORE_URLS, else {PrometheusHostExtensions.DefaultUrl}",
            HelpName = "URLS",
        };
        var duration = new Option<double?>("--duration")
        {
            Description = "Stop gracefully (finish the cycle, save, exit 0) after this many seconds. Default: run until Ctrl+C or SIGTERM",
            HelpName = "SECONDS",
        };
        duration.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } seconds && !(seconds > 0 && seconds <= 366 * 86_400))
                result.AddError($"--duration must be between 0 and {366 * 86_400} seconds (was {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        });
        var readOnly = new Option<bool>("--read-only")
        {
            Description = "A dashboard without an engine: show the configured store's latest save, refreshed every " +
                "Prometheus:ReadOnly:RefreshSeconds; no exchange, no lock, no writes, every command refused. Same as --Prometheus:ReadOnly:Enabled=true",
        };
        var command = new Command("serve", "Run the web host and the engine (the default when no verb is given).") { urls, duration, readOnly };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var hostArgs = parse.UnmatchedTokens.ToList();
            if (parse.GetValue(urls) is { } given)
                hostArgs.AddRange(["--urls", given]);
            if (parse.GetValue(readOnly))
                hostArgs.Add($"--{ReadOnlyOptions.Section}:{nameof(ReadOnlyOptions.Enabled)}=true");
            // The host handles Ctrl+C and SIGTERM itself (graceful shutdown).
            var app = PrometheusHost.Build([.. hostArgs], context.ConfigOverrides);
            await using (app)
            {
                // Validate before starting, so a bad value is reported once, as one line, and not
                // also logged by the host as "Hosting failed to start" with a stack trace.
                app.Services.GetService<IStartupValidator>()?.Validate();
                // The address before the data dir: a taken port stops here with one line, and nothing is created or opened.
                if (ListenAddressCheck.FirstUnavailable(app.Configuration, out var badInput) is { } unavailable)
                    throw new CliException(unavailable, badInput ? ExitCodes.BadInput : ExitCodes.Failure);
                // The data dir, the database and the exchange's store are opened before anything listens: a bad one
                // stops here with one line, and nothing is written to it.
                // A read-only host opens none of it: no lock, no lease, no exchange; it reads the store as it goes.
                if (!ReadOnlyOptions.IsEnabled(app.Configuration))
                    OpenEngine(app.Services);
                var runtime = app.Services.GetRequiredService<EngineRuntime>();
                if (parse.GetValue(duration) is { } seconds)
                    app.Lifetime.ApplicationStarted.Register(() =>
                        _ = Task.Delay(TimeSpan.FromSeconds(seconds), app.Lifetime.ApplicationStopping).ContinueWith(
                            _ => app.Lifetime.StopApplication(), TaskScheduler.Default));
                try
                {
                    await app.RunAsync();
                }
                catch (IOException e)
                {
                    // "Failed to bind to address http://127.0.0.1:5000: address already in use."
                    throw new CliException(e.Message, ExitCodes.Failure);
                }
                if (runtime.Failure is { } failure)
                    throw new CliException($"the engine stopped: {failure.Message}", ExitCodes.Failure);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void OpenEngine(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<EngineResources>().Open();
            _ = services.GetRequiredService<AdminTokenHolder>().Token;
        }
        catch (Exception e) when (e is EngineStoreException or ExchangeStoreException or DataDirectoryLockedException)
        {
            throw new CliException(e.Message);
        }
    }
}
