#!/usr/bin/env bash
# Runs every test of creditOS: starts the local AMQP 1.0 broker the integration tests use, installs Chromium
# for the browser tests,
# builds the solution and runs all test projects, then prints one line "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -x eng/broker/rabbitmq-up.sh ]; then
  eng/broker/rabbitmq-up.sh || { echo "could not start the local AMQP broker (eng/broker/rabbitmq-up.sh)"; echo "0 passed, 1 failed"; exit 1; }
fi

if [ -x eng/browser/install.sh ]; then
  eng/browser/install.sh || { echo "could not install Chromium for the browser tests (eng/browser/install.sh)"; echo "0 passed, 1 failed"; exit 1; }
fi

results=$(mktemp -d)
dotnet build CreditOS.Crm.sln -c Release -nologo -v:q
build_rc=$?
if [ $build_rc -ne 0 ]; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi
dotnet test CreditOS.Crm.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
test_rc=$?

passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
  # tests that were discovered but never ran (a crashed test host) count as failed
  failed=$((failed + ${t:-0} - ${e:-0}))
done
rm -rf "$results"
if [ $test_rc -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
