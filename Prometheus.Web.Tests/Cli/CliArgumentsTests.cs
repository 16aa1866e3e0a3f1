using Prometheus.Web.Cli;

namespace Prometheus.Web.Tests.Cli;

public sealed class CliArgumentsTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData("10000", 10_000)]
    public void Agents_in_range_parse(string token, int expected) =>
        Assert.Equal(expected, CliArguments.ParseAgents(token));

    [Theory]
    [InlineData("0")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5.0")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    public void Agents_out_of_range_or_not_whole_are_refused(string token)
    {
        var error = Assert.Throws<CliException>(() => CliArguments.ParseAgents(token));

        Assert.Equal($"--agents must be a whole number between 1 and 10000 (was '{token}')", error.Message);
        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("0", 0)]
    public void Seeds_are_any_whole_number(string token, int expected) =>
        Assert.Equal(expected, CliArguments.ParseSeed(token));

    [Fact]
    public void Dates_are_ISO_days_only()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), CliArguments.ParseDate("--from", "2024-02-29"));
        Assert.Throws<CliException>(() => CliArguments.ParseDate("--from", "2023-02-29"));
        Assert.Throws<CliException>(() => CliArguments.ParseDate("--from", "2024-02-29T00:00"));
        Assert.Throws<CliException>(() => CliArguments.ParseDate("--to", "20240229"));
    }

    [Fact]
    public void An_output_file_in_an_existing_folder_is_accepted()
    {
        var path = Path.Combine(TempFolder.Create(), "report.json");

        Assert.Equal(path, CliArguments.RequireWritableOut(path));
        Assert.Null(CliArguments.RequireWritableOut(null));
    }

    [Fact]
    public void An_output_path_that_is_a_folder_is_refused()
    {
        var folder = TempFolder.Create();

        var error = Assert.Throws<CliException>(() => CliArguments.RequireWritableOut(folder));

        Assert.Equal($"--out names a folder, not a file: {folder}", error.Message);
    }
}
