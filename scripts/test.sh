#!/usr/bin/env bash
# The one test command (README, .ci/run): makes sure RabbitMQ runs, builds, runs every test, and ends
# with the line "N passed, N failed". Exit status is non-zero if anything failed or could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! scripts/ensure-rabbitmq.sh; then
  # Integration tests need the broker; under CI a missing broker is a failure, never a skip.
  echo "0 passed, 1 failed"
  exit 1
fi
export PIPELINE_TEST_RABBITMQ="${PIPELINE_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}"

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

if ! dotnet build Pipeline.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Pipeline.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  -- RunConfiguration.TreatNoTestsAsError=true
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the run itself failed (crash, no tests): never report green
fi
# CI reads the last line, which must be exactly "N passed, N failed"; skips are reported just before it.
echo "$skipped skipped (see the test output above for each reason)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
