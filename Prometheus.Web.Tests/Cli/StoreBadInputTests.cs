using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Prometheus.Engine.Persistence;

namespace Prometheus.Web.Tests.Cli;

/// <summary>
/// A data dir or database `serve` and `recover` cannot use stops them with one clear line and exit code 2, and the
/// file is left exactly as it was.
/// </summary>
public sealed class StoreBadInputTests
{
    private static Dictionary<string, string?> At(string dataDir) => new() { ["Prometheus:DataDir"] = dataDir };

    private static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A real store, closed cleanly (its WAL folded back into the file).</summary>
    private static string SavedStore()
    {
        var dir = TempFolder.Create();
        using (var store = EngineStore.Open(dir, TimeProvider.System, new PersistenceOptions())) { }
        SqliteConnection.ClearAllPools();
        return dir;
    }

    [Fact]
    public async Task A_data_dir_that_cannot_be_created_stops_serve_naming_the_key()
    {
        var file = Path.Combine(TempFolder.Create(), "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], At(Path.Combine(file, "data")));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: Prometheus:DataDir must be a folder Prometheus can create and write", line);
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_is_refused_and_left_alone()
    {
        var dir = SavedStore();
        var path = Path.Combine(dir, EngineStore.FileName);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0')";
            command.ExecuteNonQuery();
        }
        var before = Sha(path);

        var serve = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], At(dir));
        var recover = await CliRunner.RunAsync(["recover"], At(dir));

        Assert.Equal(2, serve.ExitCode);
        var line = Assert.Single(serve.ErrorLines);
        Assert.Contains("was written by a newer version of Prometheus (schema 29991231000000_FromTheFuture", line);
        Assert.Contains("The file was left as it is", line);
        Assert.Equal(2, recover.ExitCode);
        Assert.Equal(before, Sha(path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(4096)]
    public async Task A_truncated_database_is_refused_and_left_alone(int keepBytes)
    {
        var dir = SavedStore();
        var path = Path.Combine(dir, EngineStore.FileName);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..Math.Min(keepBytes, bytes.Length)]);
        var before = Sha(path);

        var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], At(dir));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: The database {path} is", line);
        Assert.Matches("not a SQLite database|corrupt", line);
        Assert.Equal(before, Sha(path));
    }

    [Fact]
    public async Task Recover_on_a_data_dir_with_nothing_saved_says_so()
    {
        var result = await CliRunner.RunAsync(["recover"], At(TempFolder.Create()));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("There is no saved state in", Assert.Single(result.ErrorLines));
    }
}
