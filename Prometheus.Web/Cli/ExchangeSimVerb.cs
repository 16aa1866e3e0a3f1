using System.CommandLine;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Web.ExchangeSim;

namespace Prometheus.Web.Cli;

/// <summary>
/// `exchange-sim`: serves the simulated exchange as an OKX V5 compatible server (REST and WebSockets) until Ctrl+C.
/// Tokens it does not know go to the host as configuration (--Prometheus:DataDir=/tmp/sim, --Prometheus:Sim:Speed=60).
/// </summary>
public static class ExchangeSimVerb
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string?>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';'. Default: {ExchangeSimHost.DefaultUrl}",
            HelpName = "URLS",
        };
        var data = CliArguments.Data("Prometheus:Sim:Data (the shipped 15m OKX BTC-USDT-SWAP file)");
        var speed = new Option<double?>("--speed")
        {
            Description = "Replay speed: 1 = real time, 60 = a minute of market per second, 0 = paused. Default: Prometheus:Sim:Speed",
            HelpName = "X",
        };
        var command = new Command("exchange-sim", "Serve the simulated exchange over OKX's V5 REST and WebSocket protocol.") { urls, data, speed };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var hostArgs = parse.UnmatchedTokens.ToList();
            if (parse.GetValue(urls) is { } given)
                hostArgs.AddRange(["--urls", given]);
            var overrides = new Dictionary<string, string?>(context.ConfigOverrides ?? new Dictionary<string, string?>());
            if (parse.GetValue(data) is { } path)
                overrides[$"{ExchangeSimOptions.Section}:Data"] = CliArguments.RequireDataFile(path);
            if (parse.GetValue(speed) is { } x)
                overrides[$"{ExchangeSimOptions.Section}:Speed"] = x.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var app = ExchangeSimHost.Build([.. hostArgs], overrides);
            await using (app)
            {
                app.Services.GetService<IStartupValidator>()?.Validate();
                try
                {
                    app.Services.GetRequiredService<ExchangeSimServer>();   // opens the store now: a bad one fails here, in one line
                }
                catch (ExchangeStoreException e)
                {
                    throw new CliException(e.Message);
                }
                try
                {
                    await app.RunAsync();
                }
                catch (IOException e)
                {
                    throw new CliException(e.Message, ExitCodes.Failure);
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
