#!/usr/bin/env bash
# Runs the SDK stand-in's behaviour tests against Microsoft's official assemblies, proving that the
# stand-in behaves as they do. Needs the local folder feed with Microsoft.CrmSdk.CoreAssemblies
# (XRM_OFFICIAL_FEED, default ~/.creditos-official-sdk); skips with a message when it is absent.
# The assemblies are extracted to a scratch folder and never enter the repository.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
feed=${XRM_OFFICIAL_FEED:-$HOME/.creditos-official-sdk}
package=$(ls "$feed"/Microsoft.CrmSdk.CoreAssemblies.9.0.2.*.nupkg 2>/dev/null | sort | tail -1)
if [ -z "$package" ]; then
  echo "SKIPPED: no Microsoft.CrmSdk.CoreAssemblies package in $feed (see shared/tools/official-sdk-feed)"
  exit 0
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
unzip -q -j -o "$package" 'lib/net462/*.dll' -d "$scratch/lib" || { echo "could not extract $package"; exit 1; }
dotnet test "$root/eng/sdk-check/parity/SdkParity.Tests.csproj" -nologo -p:OfficialSdkDir="$scratch/lib" \
  -p:BaseOutputPath="$scratch/bin/" -p:BaseIntermediateOutputPath="$scratch/obj/"
