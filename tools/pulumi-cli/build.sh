#!/usr/bin/env bash
# Builds the Pulumi CLI from its Go module (this folder's go.mod is the wrapper module) into a
# cache outside the repository, keyed by version:
#   ${PULUMI_SPARKPOST_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-sparkpost-tracking/pulumi-cli}/<version>/pulumi
# Does nothing when that binary is already there, besides putting this folder's dynamic-provider
# launcher `pulumi-resource-pulumi-nodejs` beside it (where the official distribution has its own,
# and where the CLI looks for it). The last line on stdout is that directory.
# A cold build takes several minutes; progress and the time taken go to stderr.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The one place the version is written: the wrapper module's requirement of pkg/v3.
version=$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2; exit }' "$here/go.mod")
if [[ -z "$version" ]]; then
  echo "build.sh: no github.com/pulumi/pulumi/pkg/v3 requirement in $here/go.mod" >&2
  exit 1
fi

cache_root=${PULUMI_SPARKPOST_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-sparkpost-tracking/pulumi-cli}
target_dir="$cache_root/$version"

# Copied on every run (a few bytes), so a changed launcher never hides behind a cached binary.
install_launcher() {
  local launcher="$here/pulumi-resource-pulumi-nodejs"
  cmp -s "$launcher" "$target_dir/pulumi-resource-pulumi-nodejs" ||
    install -m 0755 "$launcher" "$target_dir/pulumi-resource-pulumi-nodejs"
}

if [[ -x "$target_dir/pulumi" ]]; then
  install_launcher
  echo "Pulumi CLI $version already built in $target_dir" >&2
  echo "$target_dir"
  exit 0
fi

command -v go >/dev/null || {
  echo "build.sh: Go is needed to build the Pulumi CLI $version (https://go.dev/dl/)" >&2
  exit 1
}
mkdir -p "$target_dir"
echo "Building the Pulumi CLI $version from its Go module into $target_dir (a few minutes the first time)..." >&2
started=$SECONDS
# Built to a temporary name and renamed, so an interrupted build never leaves a broken binary.
partial="$target_dir/pulumi.partial.$$"
trap 'rm -f "$partial"' EXIT
(
  cd "$here"
  # Without the version ldflag the CLI reports an empty version, which the Automation API refuses.
  go build -o "$partial" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
)
mv -f "$partial" "$target_dir/pulumi"
install_launcher
echo "Built the Pulumi CLI $version in $((SECONDS - started)) s" >&2
echo "$target_dir"
