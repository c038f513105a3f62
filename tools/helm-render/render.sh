#!/usr/bin/env bash
# apt: golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev
#
# Render a Helm chart offline (helm is not available from any registry we reach):
#   tools/helm-render/render.sh CHART_DIR [-f values.yaml] [--set key=value] [--name NAME] ...
# Prints every rendered manifest as one multi-document YAML stream on stdout and
# exits non-zero on any chart, template or YAML error (see main.go for options).
#
# Builds main.go with Debian's Go toolchain and Debian's Go libraries (listed on
# the "# apt:" line above) in GOPATH mode: no go.mod, no module proxy, no network.
# Sprig and semver are imported by their /v3 module paths, which GOPATH mode
# resolves to /usr/share/gocode/src/github.com/Masterminds/{sprig,semver}
# ("minimal module compatibility": needs go.mod beside main.go and the sources
# inside a GOPATH entry, so they are copied into a temporary one). The binary is cached in
# tools/helm-render/.build/ (git-ignored), keyed by a hash of main.go and the Go
# version, and rebuilt only when either changes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
apt_packages="$(sed -n 's/^# apt: //p' "${BASH_SOURCE[0]}" | head -n 1)"

if [ "$#" -lt 1 ]; then
  echo "usage: $0 CHART_DIR [helm-render options]" >&2
  exit 2
fi

if ! command -v go >/dev/null 2>&1; then
  echo "render.sh: 'go' is not installed. Install Debian's Go toolchain and libraries:" >&2
  echo "  apt-get update && apt-get install -y $apt_packages" >&2
  exit 3
fi

gocode=/usr/share/gocode
if [ ! -f "$gocode/src/github.com/Masterminds/sprig/functions.go" ] || [ ! -d "$gocode/src/gopkg.in/yaml.v2" ]; then
  echo "render.sh: Debian's Go libraries are missing from $gocode. Install them:" >&2
  echo "  apt-get update && apt-get install -y $apt_packages" >&2
  exit 3
fi

build_dir="$here/.build"
key="$( { sha256sum "$here/main.go" "$here/go.mod"; go version; } | sha256sum | cut -c1-16)"
bin="$build_dir/helm-render-$key"

if [ ! -x "$bin" ]; then
  mkdir -p "$build_dir"
  # A private GOPATH entry first (Go wants a writable one), then Debian's.
  tmp_gopath="$(mktemp -d)"
  trap 'rm -rf "$tmp_gopath"' EXIT
  # Build into a temporary name and rename, so concurrent runs never see a half-written binary.
  tmp_bin="$(mktemp "$build_dir/.helm-render-XXXXXX")"
  # The sources are built from inside that GOPATH entry: GOPATH mode applies
  # "minimal module compatibility" only to packages that live in a GOPATH and
  # have a go.mod.
  src="$tmp_gopath/src/cara-platform/helm-render"
  mkdir -p "$src"
  cp "$here/main.go" "$here/go.mod" "$src/"
  if ! (
    cd "$src"
    GO111MODULE=off GOPATH="$tmp_gopath:$gocode" GOPROXY=off GOFLAGS= \
      GOCACHE="${GOCACHE:-$build_dir/gocache}" CGO_ENABLED=0 \
      go build -o "$tmp_bin" .
  ); then
    rm -f "$tmp_bin"
    echo "render.sh: building helm-render failed; are these apt packages installed? $apt_packages" >&2
    exit 3
  fi
  mv -f "$tmp_bin" "$bin"
  rm -rf "$tmp_gopath"
  trap - EXIT
  # Drop binaries of older main.go versions.
  find "$build_dir" -maxdepth 1 -type f -name 'helm-render-*' ! -name "helm-render-$key" -delete 2>/dev/null || true
fi

exec "$bin" "$@"
