using Prometheus.Web.Cli;

// One executable, several verbs (Cli/PrometheusCli.cs):
//   serve (default)  the web host: Hosting/PrometheusHost.cs builds it, Hosting/*Extensions.cs wire it;
//   backtest, bench  run the engine over a candle file and print the report; no Kestrel;
//   healthcheck      GET /healthz of a running host (the container's HEALTHCHECK).
// Bad input of any kind ends with one "error: ..." line on stderr and exit code 2.
return await PrometheusCli.RunAsync(args);

// WebApplicationFactory<Program> in the tests needs the entry point's class to be visible.
public partial class Program { }
