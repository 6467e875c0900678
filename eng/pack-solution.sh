#!/usr/bin/env bash
# Builds the plugin and workflow assemblies (net462, Release) and packs the Dataverse solution into an
# importable zip with the creditos CLI's `pack` verb. Usage: eng/pack-solution.sh [output.zip]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$(realpath -m "${1:-$root/artifacts/creditOS.zip}")"
configuration=Release

dotnet build "$root/plugins/CreditOS.Plugins/CreditOS.Plugins.csproj" -c "$configuration" -f net462 --nologo -v quiet -clp:ErrorsOnly
dotnet build "$root/workflows/CreditOS.Workflows/CreditOS.Workflows.csproj" -c "$configuration" -f net462 --nologo -v quiet -clp:ErrorsOnly

dotnet run --project "$root/cli/CreditOS.Cli/CreditOS.Cli.csproj" -c "$configuration" -- pack "$output" \
  --solution "$root/solution" \
  --plugins "$root/plugins/CreditOS.Plugins/bin/$configuration/net462/CreditOS.Plugins.dll" \
  --workflows "$root/workflows/CreditOS.Workflows/bin/$configuration/net462/CreditOS.Workflows.dll"
