#!/usr/bin/env bash
# Re-extracts Prometheus.Web/wwwroot/_framework/blazor.web.js and checks its SHA-256.
#
# Why: .NET 10's Web SDK takes blazor.web.js from Microsoft.AspNetCore.App.Internal.Assets, which the package
# registry here does not hold. The 9.0.22 script works against the 10.0 server (clicks, pushes, JS interop) and is
# an embedded resource (_framework/blazor.web.js) of Microsoft.AspNetCore.Components.Endpoints.dll in the held
# package Microsoft.AspNetCore.App.Runtime.linux-x64 9.0.22 (MIT). This script downloads that package through an
# ordinary NuGet restore (PackageDownload), reads the resource out of the dll's metadata (no assembly is loaded) and
# refuses a file whose hash is not the expected one. The extracted file is committed: builds never run this.
set -euo pipefail
cd "$(dirname "$0")/.."

expected="9e4b324dd37a521ae407524dd291709e5b7bb1355d4d4698e4a047a9b4fe87c2"
target="Prometheus.Web/wwwroot/_framework/blazor.web.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/extract.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Microsoft.AspNetCore.App.Runtime.linux-x64" Version="[9.0.22]" />
  </ItemGroup>
</Project>
XML

cat >"$work/Program.cs" <<'CS'
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

// args: <dll> <resource name> <output file>
using var pe = new PEReader(File.OpenRead(args[0]));
var metadata = pe.GetMetadataReader();
foreach (var handle in metadata.ManifestResources)
{
    var resource = metadata.GetManifestResource(handle);
    if (metadata.GetString(resource.Name) != args[1]) continue;
    // An embedded resource sits in the CLI resources section: a 4-byte length, then the bytes.
    var section = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
    var reader = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
    var length = reader.ReadInt32();
    File.WriteAllBytes(args[2], reader.ReadBytes(length));
    return 0;
}
Console.Error.WriteLine($"{args[1]} is not a resource of {args[0]}");
return 1;
CS

# The folder has its own (empty) Directory.Build.props so the repository's settings do not apply.
echo '<Project />' >"$work/Directory.Build.props"
echo '<Project />' >"$work/Directory.Packages.props"
dotnet restore "$work/extract.csproj" >/dev/null
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
dll="$packages/microsoft.aspnetcore.app.runtime.linux-x64/9.0.22/runtimes/linux-x64/lib/net9.0/Microsoft.AspNetCore.Components.Endpoints.dll"
[[ -f "$dll" ]] || { echo "extract-blazor-js: $dll not found after the restore" >&2; exit 1; }

mkdir -p "$(dirname "$target")"
dotnet run --project "$work/extract.csproj" -- "$dll" "_framework/blazor.web.js" "$work/blazor.web.js"
actual="$(sha256sum "$work/blazor.web.js" | cut -d' ' -f1)"
if [[ "$actual" != "$expected" ]]; then
  echo "extract-blazor-js: SHA-256 $actual, expected $expected: not installed" >&2
  exit 1
fi
cp "$work/blazor.web.js" "$target"
echo "extract-blazor-js: $target ($(stat -c %s "$target") bytes, SHA-256 $actual)"
