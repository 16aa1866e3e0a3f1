#!/usr/bin/env bash
# Runs every test of the solution, from a clean clone, on a machine with the .NET SDK.
# CI runs this through .ci/run. Prints one closing line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- 1. What the tests need besides the .NET SDK (idempotent) -----------------------------
# Debian packages the tests need, installed only when missing: the browser tests drive Debian's
# /usr/bin/chromium with Playwright's bundled driver (no browser download; STACK.md). The build runs
# `npm ci` for the dashboard's chart library (Prometheus.Web.csproj), so npm is installed when missing. The store tests
# also run on PostgreSQL: Debian's server, started below in a throwaway cluster.
SYSTEM_PACKAGES=(chromium postgresql)

# shellcheck source=scripts/system-packages.sh
source scripts/system-packages.sh

if ((${#SYSTEM_PACKAGES[@]} > 0)); then
  install_system_packages "${SYSTEM_PACKAGES[@]}"
fi

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }
ensure_npm
dotnet --version

# --- 2. A throwaway PostgreSQL cluster for the store tests (a free loopback port; removed on exit) -----------------
# Debian's package starts its own cluster as a service where there is an init system; the tests do not use it.
cluster="$(scripts/postgres-test-cluster.sh start)" # a failure stops here (an eval of its output would hide it)
eval "$cluster"
export PROMETHEUS_TEST_POSTGRES

# --- 3. Build and test ----------------------------------------------------------------------
results="$(mktemp -d)"
trap 'rm -rf "$results"; scripts/postgres-test-cluster.sh stop "${PROMETHEUS_TEST_POSTGRES_DIR:-}"' EXIT

status=0
dotnet test Prometheus.sln -c Release \
  --logger "console;verbosity=normal" \
  --logger "trx" \
  --results-directory "$results" || status=$?

# --- 4. One closing line, summed over every test assembly's TRX file --------------------------
passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  count() { local n; n="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters")"; echo "${n:-0}"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed)))
  # The TRX counters leave skipped tests out of notExecuted: they are the ones counted but not executed.
  skipped=$((skipped + $(count total) - $(count executed)))
done
# The failed tests again, each with the first lines of its message, so a log cut to its tail still names them.
if ((failed > 0)); then
  echo "failed tests:"
  for trx in "$results"/*.trx; do
    awk '
      /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); inside = 1 }
      inside && /<Message>/ { printing = 1; lines = 0; sub(/.*<Message>/, ""); printf "  %s\n", name }
      printing { text = $0; sub(/<\/Message>.*/, "", text); if (lines++ < 6) printf "    %s\n", text; if (/<\/Message>/) { printing = 0; inside = 0 } }
    ' "$trx"
  done
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"

if ((status == 0 && failed > 0)); then status=1; fi
exit "$status"
