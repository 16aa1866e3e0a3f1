namespace Prometheus.Web.Tests.Browser;

/// <summary>
/// A measurement, not a check: it takes minutes and wants the machine quiet, so it runs only when PROMETHEUS_MEASURE=1
/// (and is reported as skipped otherwise). Its figures are in the README.
/// </summary>
public sealed class MeasureFactAttribute : FactAttribute
{
    public MeasureFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PROMETHEUS_MEASURE") != "1")
            Skip = "a measurement: run with PROMETHEUS_MEASURE=1 on a quiet machine";
    }
}
