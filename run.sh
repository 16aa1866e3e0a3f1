#!/usr/bin/env bash
# Runs the product on a machine with the .NET SDK: the web host and the engine paper-trading on the embedded simulated
# exchange, the dashboard on http://127.0.0.1:5000 (the console prints the sign-in link at the first start).
# Installs what the build needs when it is missing (npm), then `dotnet run`. Arguments go to the program:
#   ./run.sh --urls http://127.0.0.1:8080 --Prometheus:Paper:BarsPerSecond=20
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# shellcheck source=scripts/system-packages.sh
source scripts/system-packages.sh
command -v dotnet >/dev/null || { echo "run.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }
ensure_npm
exec dotnet run --project Prometheus.Web -c Release -- "$@"
