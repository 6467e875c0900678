#!/usr/bin/env bash
# Builds the plugin and workflow assemblies (net462, Release) and packs the Dataverse solution into an
# importable zip with the creditos CLI's `pack` verb. Usage: eng/pack-solution.sh [output.zip]
# With the official Dataverse SDK packages in a folder feed (XRM_OFFICIAL_FEED, default ~/.creditos-official-sdk)
# the assemblies are built against them, as an import needs; otherwise against the stand-in, and the pack warns.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$(realpath -m "${1:-$root/artifacts/creditOS.zip}")"
configuration=Release
feed="${XRM_OFFICIAL_FEED:-$HOME/.creditos-official-sdk}"
sdk_args=()
if ls "$feed"/Microsoft.CrmSdk.CoreAssemblies.*.nupkg >/dev/null 2>&1; then
  sdk_args=(-p:XrmSdk=official "-p:RestoreAdditionalProjectSources=$feed")
fi

for project in plugins/CreditOS.Plugins/CreditOS.Plugins.csproj workflows/CreditOS.Workflows/CreditOS.Workflows.csproj; do
  dotnet build "$root/$project" -c "$configuration" -f net462 "${sdk_args[@]}" --nologo -v quiet -clp:ErrorsOnly
done

dotnet run --project "$root/cli/CreditOS.Cli/CreditOS.Cli.csproj" -c "$configuration" -- pack "$output" \
  --solution "$root/solution" \
  --plugins "$root/plugins/CreditOS.Plugins/bin/$configuration/net462/CreditOS.Plugins.dll" \
  --workflows "$root/workflows/CreditOS.Workflows/bin/$configuration/net462/CreditOS.Workflows.dll"
