using Prometheus.Web.Reports;

namespace Prometheus.Web.Hosting;

/// <summary>The Research page's services: the reports folder and the backtests started from the browser (a hosted service, so the host's stop cancels a run).</summary>
public static class ResearchHostExtensions
{
    public static IServiceCollection AddPrometheusResearch(this IServiceCollection services)
    {
        services.AddSingleton(sp => ReportsFolder.In(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<BacktestJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<BacktestJobs>());
        return services;
    }
}
