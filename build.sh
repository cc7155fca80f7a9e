#!/usr/bin/env bash
# XenDemoCD build entry point.  ./build.sh [--target=TASK] [--help | --description | --dryrun] …
# Builds the build host (build/, a Cake-engine program) when its sources changed, then runs it
# with the given arguments. Relative paths in arguments are taken from the current directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
host_dir="$root/bin/host"
host="$host_dir/XenDemoCD.Build.dll"
stamp="$host_dir/.sources.sha256"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "build.sh: the .NET 10 SDK ('dotnet') is needed to run the build; see README.md, Requirements." >&2
    exit 2
fi

# Hash of everything the host is compiled from: when it matches the stamp, the host is current and
# a no-op build costs little more than starting .NET.
sources_hash() {
    (cd "$root" && find Cake.csproj Cake.Engine.props Directory.Build.props build src \
        -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) \
        -not -path '*/bin/*' -not -path '*/obj/*' -print0 2>/dev/null |
        sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

hash="$(sources_hash)"
if [[ ! -f "$host" || ! -f "$stamp" || "$(cat "$stamp")" != "$hash" ]]; then
    echo "build.sh: compiling the build host…" >&2
    rm -f "$stamp"
    if ! dotnet build "$root/Cake.csproj" --configuration Release --output "$host_dir" \
        --nologo --verbosity quiet -clp:ErrorsOnly >&2; then
        echo "build.sh: the build host does not compile (errors above)." >&2
        exit 2
    fi
    echo "$hash" >"$stamp"
fi

export XENDEMOCD_ROOT="$root"
exec dotnet "$host" "$@"
