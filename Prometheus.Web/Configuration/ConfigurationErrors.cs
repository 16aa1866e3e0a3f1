using Microsoft.Extensions.Options;

namespace Prometheus.Web.Configuration;

/// <summary>
/// Recognises the exceptions that mean "a configuration value is bad" and words them as one line,
/// so the host and the CLI verbs stop with the same message and exit code instead of a stack trace.
/// </summary>
public static class ConfigurationErrors
{
    private const string BinderAssembly = "Microsoft.Extensions.Configuration.Binder";

    /// <summary>The one-line description, or null when the exception is not about configuration.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        // "Prometheus:Agents:Initial must be between 1 and 1000 (was 0)"; several joined with "; ".
        OptionsValidationException invalid => invalid.Message,
        // ValidateOnStart throws one AggregateException when several options classes fail.
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(e => Describe(e) is not null) =>
            string.Join("; ", aggregate.InnerExceptions.Select(e => Describe(e))),
        // A value the binder cannot convert: "Failed to convert configuration value 'abc' at 'Prometheus:Agents:Initial' to type 'System.Int32'."
        InvalidOperationException binder when binder.Source == BinderAssembly => binder.Message,
        _ => null,
    };
}
