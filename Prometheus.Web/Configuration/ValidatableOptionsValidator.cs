using Microsoft.Extensions.Options;
using Prometheus.Engine.Configuration;

namespace Prometheus.Web.Configuration;

/// <summary>
/// Adapts the engine's self-checking options to the options pipeline, so that with ValidateOnStart a
/// bad value stops the host before it serves anything. The failures are the options' own one-line
/// messages ("Prometheus:Agents:Initial must be between 1 and 1000 (was 0)").
/// </summary>
public sealed class ValidatableOptionsValidator<T> : IValidateOptions<T> where T : class, IValidatable
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
