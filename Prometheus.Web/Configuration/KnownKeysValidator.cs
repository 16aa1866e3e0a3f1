using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Prometheus.Web.Configuration;

/// <summary>Fails validation when the options' section holds a key no property takes (a typo).</summary>
public sealed class KnownKeysValidator<T>(IConfiguration configuration, string section) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = OptionsSection.UnknownKeys<T>(configuration, section).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
