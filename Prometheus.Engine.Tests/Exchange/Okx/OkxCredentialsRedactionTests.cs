using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Engine.Tests.Exchange.Okx;

public class OkxCredentialsRedactionTests
{
    [Fact]
    public void Credentials_print_no_secret_passphrase_or_whole_key()
    {
        var text = new OkxCredentials(OkxTestKit.ApiKey, OkxTestKit.SecretKey, OkxTestKit.Passphrase).ToString();

        AssertNoSecrets(text);
        Assert.Contains("***4a1f", text, StringComparison.Ordinal);   // enough to tell keys apart
    }

    [Fact]
    public void Options_print_no_secret_passphrase_or_whole_key()
    {
        var text = OkxTestKit.Options().ToString();

        AssertNoSecrets(text);
        Assert.Contains("Demo = True", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_are_named_without_values()
    {
        var options = OkxTestKit.Options(o => o.Passphrase = "");

        var error = Assert.Throws<InvalidOperationException>(() => options.Credentials());

        Assert.Contains("Passphrase", error.Message, StringComparison.Ordinal);
        AssertNoSecrets(error.Message);
    }

    internal static void AssertNoSecrets(string text)
    {
        Assert.DoesNotContain(OkxTestKit.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(OkxTestKit.Passphrase, text, StringComparison.Ordinal);
        Assert.DoesNotContain(OkxTestKit.ApiKey, text, StringComparison.Ordinal);
    }
}
