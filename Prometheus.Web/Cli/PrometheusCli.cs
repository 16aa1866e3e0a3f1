using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.Extensions.Hosting;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Cli;

/// <summary>
/// The executable's entry: picks the verb, parses its arguments and runs it.
/// Verbs: serve (default), backtest, bench, healthcheck. Exit codes: see <see cref="ExitCodes"/>.
/// Every failure the user can act on (a bad argument, a bad configuration value, a missing data file)
/// is one "error: ..." line on stderr and exit code 2; no stack trace.
/// </summary>
public static class PrometheusCli
{
    private static readonly string[] HelpTokens = ["-h", "--help", "-?", "/?", "/h", "--version"];

    /// <summary>What Program.cs calls: the real console.</summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliContext.FromConsole());

    /// <summary>In-process, with captured streams (tests).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, new CliContext(stdout, stderr));

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = CreateRootCommand(context);
        args = WithDefaultVerb(args);

        if (args.Length > 0 && !args[0].StartsWith('-') && !HelpTokens.Contains(args[0])
            && root.Subcommands.All(c => c.Name != args[0]))
        {
            return Fail(context, $"unknown verb '{args[0]}' (verbs: {string.Join(", ", root.Subcommands.Select(c => c.Name))}; see --help)");
        }

        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
            return Fail(context, Describe(parse));

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
                // serve's host and the long verbs handle Ctrl+C themselves.
                ProcessTerminationTimeout = null,
            });
        }
        catch (CliException e)
        {
            return Fail(context, e.Message, e.ExitCode);
        }
        catch (Exception e) when (ConfigurationErrors.Describe(e) is { } message)
        {
            return Fail(context, message);
        }
        catch (OperationCanceledException)
        {
            return Fail(context, "interrupted", ExitCodes.Interrupted);
        }
        catch (Exception e) when (e is not HostAbortedException)
        {
            // A bug, not bad input: say so on one line, then give the trace to whoever reports it.
            context.Error.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            context.Error.WriteLine(e);
            return ExitCodes.Failure;
        }
    }

    public static RootCommand CreateRootCommand(CliContext context) =>
        new("Prometheus: an evolutionary multi-agent crypto trading system. Without a verb, runs the web host (serve).")
        {
            ServeVerb.Create(context),
            BacktestVerb.Create(context),
            ResearchVerb.Create(context),
            BenchVerb.Create(context),
            HealthcheckVerb.Create(context),
            RecoverVerb.Create(context),
            ExchangeSimVerb.Create(context),
        };

    /// <summary>No verb, or host arguments first (--urls ..., as the test host passes them), means serve.</summary>
    private static string[] WithDefaultVerb(string[] args) =>
        args.Length == 0 || (args[0].StartsWith('-') && !HelpTokens.Contains(args[0]))
            ? ["serve", .. args]
            : args;

    /// <summary>The first parse error, worded for a person; a stray token names the verb whose help to read.</summary>
    private static string Describe(ParseResult parse)
    {
        var verb = parse.CommandResult.Command;
        if (parse.UnmatchedTokens.Count > 0 && verb.TreatUnmatchedTokensAsErrors)
        {
            var token = parse.UnmatchedTokens[0];
            var what = token.StartsWith('-') ? "unknown option" : "unexpected argument";
            return $"{what} '{token}' for {verb.Name} (see '{verb.Name} --help')";
        }
        return parse.Errors[0].Message;
    }

    private static int Fail(CliContext context, string message, int exitCode = ExitCodes.BadInput)
    {
        context.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}
