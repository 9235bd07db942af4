#!/usr/bin/env bash
# The test command: installs what the tests need (Debian's Chromium, zbar-tools for QR decoding,
# the npm OpenAPI validator), builds, runs every test, and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v zbarimg  >/dev/null 2>&1 || need+=(zbar-tools)
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)   # lets zbarimg read SVG
command -v node     >/dev/null 2>&1 || need+=(nodejs npm)
command -v chattr   >/dev/null 2>&1 || need+=(e2fsprogs)      # the read-only-file fault test
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} (Debian packages)…"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -d tests/openapi/node_modules ]; then
  (cd tests/openapi && npm ci --no-audit --no-fund --silent)
fi

# A contract snapshot that is missing fails instead of being written (Snapshooter's strict mode).
export SNAPSHOOTER_STRICT_MODE=true

results="$(mktemp -d)"
set +e
dotnet test SipasSurvey.sln --configuration Release --logger "trx;LogFilePrefix=run" --results-directory "$results" "$@"
status=$?
set -e

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  p=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*' || echo 0)
  f=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*' || echo 0)
  passed=$((passed + p)); failed=$((failed + f))
done
rm -rf "$results"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
