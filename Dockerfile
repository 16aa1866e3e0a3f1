# Prometheus in a container: the web host and engine on port 8080, everything it keeps (store, snapshots, the simulated
# exchange, the admin token, logs) in /data.
#   docker build -t prometheus .
#   docker run -p 8080:8080 -v prometheus-data:/data prometheus
#   docker run --rm prometheus backtest --agents 20        (any verb; see README.md)
# Not built here: the development machines have no Docker engine.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The build copies lightweight-charts from npm into wwwroot/lib (Prometheus.Web.csproj): npm is needed to build only.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first, from the project files alone, so code changes do not invalidate the restore layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY Prometheus.Engine/Prometheus.Engine.csproj Prometheus.Engine/
COPY Prometheus.Web/Prometheus.Web.csproj Prometheus.Web/package.json Prometheus.Web/package-lock.json Prometheus.Web/
RUN dotnet restore Prometheus.Web/Prometheus.Web.csproj
COPY Prometheus.Engine/ Prometheus.Engine/
COPY Prometheus.Web/ Prometheus.Web/
# The shipped candles are published beside the dll (Prometheus.Web.csproj links ../data/*.csv.gz).
COPY data/ data/
RUN dotnet publish Prometheus.Web/Prometheus.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Prometheus__DataDir=/data
# Created and handed to the image's non-root "app" user before it becomes a volume.
RUN mkdir -p /data && chown app:app /data
VOLUME /data
USER app
EXPOSE 8080
# The aspnet image has no curl or wget: our own executable's `healthcheck` verb GETs /healthz
# and exits 0 (healthy) or 1 (unhealthy).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/Prometheus.Web.dll", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "/app/Prometheus.Web.dll"]
CMD ["serve"]
