#!/usr/bin/env pwsh
# XenDemoCD build entry point for PowerShell 7 (Windows, Linux, macOS): the same as build.sh.
#   ./build.ps1 [--target=TASK] [--help | --description | --dryrun] …
# Mastering and unpacking ISOs are pure C# and work on any OS; compiling needs Linux.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$hostDir = Join-Path $root 'bin' 'host'
$hostDll = Join-Path $hostDir 'XenDemoCD.Build.dll'
$stamp = Join-Path $hostDir '.sources.ps1.sha256'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine("build.ps1: the .NET 10 SDK ('dotnet') is needed to run the build; see README.md, Requirements.")
    exit 2
}

# Rebuild the host only when what it is compiled from changed.
$sources = @('Cake.csproj', 'Cake.Engine.props', 'Directory.Build.props') + @(
    Get-ChildItem -Path (Join-Path $root 'build'), (Join-Path $root 'src') -Recurse -File -ErrorAction SilentlyContinue |
        Where-Object { $_.Extension -in '.cs', '.csproj', '.props' -and $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } |
        ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName) }
) | Sort-Object
$lines = foreach ($file in $sources) { "$((Get-FileHash -Algorithm SHA256 (Join-Path $root $file)).Hash) $file" }
$hash = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes(($lines -join "`n"))))

if (-not (Test-Path $hostDll) -or -not (Test-Path $stamp) -or (Get-Content -Raw $stamp).Trim() -ne $hash) {
    [Console]::Error.WriteLine('build.ps1: compiling the build host…')
    Remove-Item -Force -ErrorAction SilentlyContinue $stamp
    dotnet build (Join-Path $root 'Cake.csproj') --configuration Release --output $hostDir --nologo --verbosity quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) {
        [Console]::Error.WriteLine('build.ps1: the build host does not compile (errors above).')
        exit 2
    }
    Set-Content -NoNewline -Path $stamp -Value $hash
}

$env:XENDEMOCD_ROOT = $root
& dotnet $hostDll @args
exit $LASTEXITCODE
