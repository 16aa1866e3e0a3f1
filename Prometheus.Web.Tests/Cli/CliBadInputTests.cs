namespace Prometheus.Web.Tests.Cli;

/// <summary>Every kind of bad input ends with exactly one "error: ..." line on stderr and exit code 2.</summary>
public sealed class CliBadInputTests
{
    [Theory]
    [InlineData("error: unknown verb 'frobnicate' (verbs: serve, backtest, research, bench, healthcheck, recover, exchange-sim; see --help)", "frobnicate")]
    [InlineData("error: unknown option '--bogus' for backtest (see 'backtest --help')", "backtest", "--bogus")]
    [InlineData("error: unknown option '--agent' for bench (see 'bench --help')", "bench", "--agent", "5")]
    [InlineData("error: unexpected argument 'extra' for backtest (see 'backtest --help')", "backtest", "extra")]
    [InlineData("error: Required argument missing for option: '--data'.", "backtest", "--data")]
    [InlineData("error: Required argument missing for option: '--agents'.", "backtest", "--agents")]
    [InlineData("error: Required argument missing for option: '--out'.", "bench", "--out")]
    [InlineData("error: --agents must be a whole number between 1 and 10000 (was '0')", "backtest", "--agents", "0")]
    [InlineData("error: --agents must be a whole number between 1 and 10000 (was '-3')", "bench", "--agents", "-3")]
    [InlineData("error: --agents must be a whole number between 1 and 10000 (was 'ten')", "backtest", "--agents", "ten")]
    [InlineData("error: --agents must be a whole number between 1 and 10000 (was '10001')", "backtest", "--agents", "10001")]
    [InlineData("error: --seed must be a whole number (was '4.2')", "backtest", "--seed", "4.2")]
    [InlineData("error: --from must be a date as YYYY-MM-DD (was '2024-13-01')", "backtest", "--from", "2024-13-01")]
    [InlineData("error: --to must be a date as YYYY-MM-DD (was '01/02/2024')", "backtest", "--to", "01/02/2024")]
    [InlineData("error: --from must be a date as YYYY-MM-DD (was '2024-1-5')", "backtest", "--from", "2024-1-5")]
    [InlineData("error: --from 2024-05-01 is after --to 2024-01-01", "backtest", "--from", "2024-05-01", "--to", "2024-01-01")]
    [InlineData("error: data file not found: /nonexistent.csv.gz", "backtest", "--data", "/nonexistent.csv.gz")]
    [InlineData("error: data file not found: /nonexistent.csv.gz", "bench", "--data", "/nonexistent.csv.gz")]
    [InlineData("error: --out folder does not exist: /nonexistent-folder", "backtest", "--out", "/nonexistent-folder/report.json")]
    [InlineData("error: --data and --instruments: give one (--instruments prices each instrument by its own series)", "backtest", "--data", "x.csv", "--instruments", "okx:ETH-USDT-SWAP")]
    [InlineData("error: --instruments: 'okx:DOGE-USDT-SWAP' is not a known instrument (known: okx:BTC-USDT, okx:BTC-USDT-SWAP, okx:ETH-USDT-SWAP, okx:SOL-USDT-SWAP)", "backtest", "--instruments", "okx:BTC-USDT-SWAP,okx:DOGE-USDT-SWAP")]
    [InlineData("error: --data and --instruments: give one (--instruments prices each instrument by its own series)", "research", "--data", "x.csv", "--instruments", "okx:ETH-USDT-SWAP")]
    [InlineData("error: --instruments names an instrument twice (okx:ETH-USDT-SWAP)", "backtest", "--instruments", "okx:ETH-USDT-SWAP,okx:ETH-USDT-SWAP")]
    [InlineData("error: data file not found: /nonexistent.csv.gz", "backtest", "--instruments", "okx:ETH-USDT-SWAP=/nonexistent.csv.gz")]
    [InlineData("error: --instruments: okx:ETH-USDT-SWAP: '90m' is not an OKX bar (one of 1m, 3m, 5m, 15m, 30m, 1H, 2H, 4H, 6H, 12H, 1D, 1W, 6Hutc, 12Hutc, 1Dutc, 1Wutc)", "backtest", "--instruments", "okx:ETH-USDT-SWAP=x.csv@90m")]
    [InlineData("error: --url must be an absolute http(s) address (was 'localhost:8080')", "healthcheck", "--url", "localhost:8080")]
    [InlineData("error: --windows must be a whole number between 1 and 1000 (was '0')", "research", "--windows", "0")]
    [InlineData("error: --profile must be one of seed, wide (was 'narrow')", "research", "--profile", "narrow")]
    [InlineData("error: --profile must be one of seed, wide (was 'narrow')", "backtest", "--profile", "narrow")]
    [InlineData("error: --final trades the holdout once, but --holdout-days is 0: there is no holdout", "research", "--final", "--holdout-days", "0")]
    [InlineData("error: --holdout-days 5000 is not shorter than the data (1203.2 days)", "research", "--holdout-days", "5000")]
    [InlineData("error: 20 test window(s) of 100 day(s) with at least 7 days of anchored training need 2007 days before the holdout, after the indicators' warm-up (2881 bars); the data has 1082 (use fewer or shorter windows, a shorter holdout, or more data)", "research", "--windows", "20", "--test-days", "100")]
    [InlineData("error: --html folder does not exist: /nonexistent-folder", "research", "--html", "/nonexistent-folder/r.html")]
    public async Task Bad_input_prints_one_error_line_and_exits_2(string expected, params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([expected], result.ErrorLines);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_folder_given_as_data_is_named_in_the_error()
    {
        var folder = TempFolder.Create();

        var result = await CliRunner.RunAsync("backtest", "--data", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"error: data file is a folder, not a candle file: {folder}"], result.ErrorLines);
    }

    [Fact]
    public async Task A_relative_missing_data_path_is_reported_as_an_absolute_path()
    {
        var result = await CliRunner.RunAsync("backtest", "--data", "no-such-candles.csv.gz");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"error: data file not found: {Path.GetFullPath("no-such-candles.csv.gz")}"], result.ErrorLines);
    }

    [Fact]
    public async Task Arguments_are_checked_before_the_configuration_and_the_data_file()
    {
        // Three things wrong; the cheapest to fix, the user's own typing, is reported.
        var result = await CliRunner.RunAsync(
            ["backtest", "--data", "/nonexistent.csv.gz", "--from", "2025-01-02", "--to", "2025-01-01"],
            new Dictionary<string, string?> { ["Prometheus:Agents:Initial"] = "0" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: --from 2025-01-02 is after --to 2025-01-01"], result.ErrorLines);
    }

    [Fact]
    public async Task The_same_day_as_from_and_to_is_a_valid_range()
    {
        var result = await CliRunner.RunAsync("backtest", "--from", "2024-01-01", "--to", "2024-01-01", "--data", "/nonexistent.csv.gz");

        // It gets past the range check and stops at the (missing) data file.
        Assert.Equal(["error: data file not found: /nonexistent.csv.gz"], result.ErrorLines);
    }
}
