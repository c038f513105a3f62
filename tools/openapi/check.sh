#!/usr/bin/env bash
# Checks of the OpenAPI document integrators build on (issue 15, part 6). The tests run lint and breaking over the
# document the host serves (tests/CaraPlatform.Web.Tests/Integrators/OpenApiContractTests); ./build.sh openapi runs
# them before it refreshes the baseline openapi/v1.json.
#   check.sh install                          npm ci of the pinned tools, when package-lock.json changed since the last
#   check.sh lint <document>                  spectral with spectral:oas (.spectral.yaml): an error fails, warnings are listed
#   check.sh breaking <baseline> <document>   redocly diff: a major (breaking) change fails, unless info.version changed
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/node_modules/.bin
# Nothing leaves the machine: no telemetry, no update checks.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1

install() {
  [ "$here/node_modules/.package-lock.json" -nt "$here/package-lock.json" ] && return 0
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
}

version() { node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).info.version' "$1"; }

case "${1:-}" in
  install) install ;;
  lint)
    install
    "$bin/spectral" lint "$2" --ruleset "$here/.spectral.yaml" --fail-severity error --format text ;;
  breaking)
    install
    # Assignments, so that an unreadable document fails here (set -e) rather than passing as a new version.
    was=$(version "$2")
    now=$(version "$3")
    if [ "$was" != "$now" ]; then
      echo "info.version changed ($was -> $now): breaking changes are allowed in a new version."
      exit 0
    fi
    "$bin/redocly" diff "$2" "$3" --fail-on major ;;
  *) echo "usage: check.sh install | lint <document> | breaking <baseline> <document>" >&2; exit 2 ;;
esac
