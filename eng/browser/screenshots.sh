#!/usr/bin/env bash
# Renders the README's screenshots into docs/screenshots: the credit panel and the approval request form from the
# browser tests (CREDITOS_SCREENSHOTS makes them save the page), the Credit management dashboard over the demo's
# portfolio (CreditManagementDashboardTests), the collector's worklist and the dashboard's ERP re-sync tile (session 34), the configuration change page, proposing with a validation message and reviewing (ConfigurationChangePageTests), creditos demo's HTML report and creditos simulate's what-if report in the same headless Chromium.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/docs/screenshots"
mkdir -p "$out"
"$root/eng/browser/install.sh"
CREDITOS_SCREENSHOTS="$out" dotnet test "$root/tests/CreditOS.Browser.Tests/CreditOS.Browser.Tests.csproj" -c Release -nologo \
  --filter "FullyQualifiedName~SalesRep_SeesTheAccountsLimitExposureAvailableUtilizationAndScores|FullyQualifiedName~OnTheApprovalRequestForm|FullyQualifiedName~CreditManagementDashboardTests|FullyQualifiedName~Carl_BuildsAChangeFromTheRowAsItIs|FullyQualifiedName~ValuesOutsideTheColumnsPrecisionOrRange|FullyQualifiedName~AnInvoiceAwaitingAnErpResync_IsBadgedAndNotChased|FullyQualifiedName~Fiona_SeesHowManyInvoicesOfHowManyCustomersAwaitAnErpResync"
report="$(mktemp -d)/creditos-demo-report.html"
dotnet run --project "$root/cli/CreditOS.Cli/CreditOS.Cli.csproj" -c Release -- demo --report "$report" >/dev/null
"${CREDITOS_CHROMIUM:-/usr/bin/chromium}" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,1180 \
  --screenshot="$out/demo-report.png" "file://$report" 2>/dev/null
simulation="$(mktemp -d)/creditos-simulation.html"
dotnet run --project "$root/cli/CreditOS.Cli/CreditOS.Cli.csproj" -c Release -- simulate --candidate "$root/cli/samples/candidate-policies.json" --html "$simulation" >/dev/null
"${CREDITOS_CHROMIUM:-/usr/bin/chromium}" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,2400 \
  --screenshot="$out/simulation-report.png" "file://$simulation" 2>/dev/null
echo "screenshots in $out"
