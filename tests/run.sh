#!/usr/bin/env bash
# The test command: installs what the tests need (Debian's Chromium, zbar-tools for QR decoding,
# PostgreSQL for the second pass, nginx, Prometheus' own Python parser, the npm OpenAPI validator), builds, runs every test on SQLite and
# again on PostgreSQL, and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v zbarimg  >/dev/null 2>&1 || need+=(zbar-tools)
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)   # lets zbarimg read SVG
command -v node     >/dev/null 2>&1 || need+=(nodejs npm)
command -v chattr   >/dev/null 2>&1 || need+=(e2fsprogs)      # the read-only-file fault test
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)   # the PostgreSQL pass: a throw-away cluster per run
command -v pg_dump  >/dev/null 2>&1 || need+=(postgresql-client)
command -v nginx    >/dev/null 2>&1 || need+=(nginx)          # the reverse proxy in front of the app servers
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd) # checks deploy/systemd
/usr/bin/python3 -c 'import prometheus_client' >/dev/null 2>&1 || need+=(python3-prometheus-client)   # an independent /metrics parser (Debian's python)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} (Debian packages)…"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
for node_tool in openapi smtp; do   # the OpenAPI validator; the SMTP server the digest tests send to
  if [ ! -d tests/$node_tool/node_modules ]; then
    (cd tests/$node_tool && npm ci --no-audit --no-fund --silent)
  fi
done

# A contract snapshot that is missing fails instead of being written (Snapshooter's strict mode).
export SNAPSHOOTER_STRICT_MODE=true

# The whole suite runs once per engine: on SQLite (the embedded default), then on PostgreSQL (a cluster
# the tests start themselves: initdb into a temporary folder, a free port, removed at the end).
# Tests of one engine's own files or tools carry the trait Engine=sqlite or Engine=postgresql.
dotnet build SipasSurvey.sln --configuration Release -v quiet -nologo
results="$(mktemp -d)"
status=0
for engine in sqlite postgresql; do
  other=$([ "$engine" = sqlite ] && echo postgresql || echo sqlite)
  started=$(date +%s)
  set +e
  SIPAS_TEST_ENGINE=$engine dotnet test SipasSurvey.sln --configuration Release --no-build --filter "Engine!=$other" \
    --logger "trx;LogFilePrefix=$engine" --results-directory "$results/$engine" "$@"
  code=$?
  set -e
  [ "$code" -ne 0 ] && status=$code
  echo "$engine: the suite took $(( $(date +%s) - started )) s"
done

passed=0; failed=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  p=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*' || echo 0)
  f=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*' || echo 0)
  passed=$((passed + p)); failed=$((failed + f))
done
rm -rf "$results"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
