#!/usr/bin/env bash
# The project's two commands (see README):
#   ./build.sh run    start a private development database and serve on http://127.0.0.1:5080
#   ./build.sh test   run the whole test suite; the last line is "Tests: N passed, N failed, N skipped"
#   ./build.sh bench  benchmarks against a Release host and its own database (--quick: small data, for CI)
#   ./build.sh openapi  refresh openapi/v1.json, the OpenAPI baseline, from the document the host serves
# Each installs what it needs and is missing (Debian packages via apt, NuGet packages via restore).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then echo "Please install: ${missing[*]} (apt-get install -y ${missing[*]})" >&2; exit 1; fi
  echo "Installing ${missing[*]} (apt)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Go and sprig render the Helm chart offline (helm itself is not served by our registries).
helm_render_packages() { sed -n 's/^# apt: //p' tools/helm-render/render.sh; }

# The portal's assets are built from npm packages by the web project's build (src/CaraPlatform.Web/Frontend).
need_node() { command -v npm >/dev/null 2>&1 || apt_install nodejs npm; }

cmd_run() {
  local port=${CARA_DEV_DB_PORT:-55432}
  need_node
  dotnet build src/CaraPlatform.Web -c Debug -v quiet -nologo
  local app=src/CaraPlatform.Web/bin/Debug/net10.0/CaraPlatform.Web.dll
  if [ -z "${ConnectionStrings__Cara:-}" ]; then
    mkdir -p .cara
    local admin
    admin=$(build/postgres.sh start .cara/pg "$port")
    trap 'build/postgres.sh stop .cara/pg; echo "Stopped the development database."' EXIT
    dotnet "$app" provision-dev-db "$admin" cara .cara/dev-db.env
    export ConnectionStrings__CaraOwner; ConnectionStrings__CaraOwner=$(sed -n 's/^CARA_DB_OWNER=//p' .cara/dev-db.env)
    export ConnectionStrings__Cara; ConnectionStrings__Cara=$(sed -n 's/^CARA_DB_APP=//p' .cara/dev-db.env)
    echo "Development database on 127.0.0.1:$port; owner and application connection strings in .cara/dev-db.env"
  fi
  cat <<MSG
CARA Platform (Development)
  API and Swagger UI:  http://127.0.0.1:5080/swagger
  OpenAPI document:    http://127.0.0.1:5080/swagger/v1/swagger.json
  Health:              http://127.0.0.1:5080/health/ready
  Ctrl-C stops the web host and the development database.
MSG
  ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development} ASPNETCORE_URLS=http://127.0.0.1:5080 \
    dotnet "$app" --contentRoot "$root/src/CaraPlatform.Web" &
  local host=$!
  # Ctrl-C or a TERM to this script stops the web host first; the EXIT trap then stops the database.
  trap 'kill -TERM "$host" 2>/dev/null; wait "$host"; exit 130' INT TERM
  wait "$host"
}

cmd_test() {
  build/postgres.sh ensure
  need_node
  # spectral and redocly, which the OpenAPI contract tests run over the served document.
  tools/openapi/check.sh install
  # Chromium drives the portal's browser tests (Playwright, never `playwright install`).
  # shellcheck disable=SC2046
  apt_install chromium $(helm_render_packages)
  # The S3 material store is tested against s3rver, an S3-compatible server from npm.
  npm ci --prefix tools/s3rver --no-audit --no-fund --ignore-scripts --loglevel=error
  rm -rf TestResults
  local status=0
  dotnet test CaraPlatform.sln --logger "trx" --results-directory "$root/TestResults" "$@" || status=$?
  summarise TestResults "$status"
}

# The bench on its own cluster in .cara/bench, kept between runs so that the seeded data is reused. A Development host
# migrates and seeds the demo tenants, people and clients, then stops; the host measured is Release in Production, as
# deployed: behind a proxy at 127.0.0.1, with certificates and keys made here once (.cara/bench/keys), its quotas
# lifted (the bench measures capacity, and all its callers come from one address), and without the deadline job
# (timed on its own by the harness: over a million referrals it would run during the first scenarios). The harness seeds the rest,
# drives it and writes bench/results/<date>.json.
cmd_bench() {
  local port=${CARA_BENCH_DB_PORT:-55433} web=5091 dir=.cara/bench
  need_node
  command -v wrk >/dev/null 2>&1 || apt_install wrk
  dotnet build src/CaraPlatform.Web -c Release -v quiet -nologo
  dotnet build tests/CaraPlatform.Benchmarks -c Release -v quiet -nologo
  mkdir -p "$dir"
  # Another build of the host may be measured on the same data (e.g. before a change): CARA_BENCH_HOST_DLL and _ROOT.
  local admin owner app dll=${CARA_BENCH_HOST_DLL:-$root/src/CaraPlatform.Web/bin/Release/net10.0/CaraPlatform.Web.dll}
  local content=${CARA_BENCH_HOST_ROOT:-$root/src/CaraPlatform.Web}
  admin=$(build/postgres.sh start "$dir/pg" "$port")
  bench_dir=$dir
  trap 'build/postgres.sh stop "$bench_dir/pg"' EXIT
  dotnet "$dll" provision-dev-db "$admin" cara_bench "$dir/db.env"
  owner=$(sed -n 's/^CARA_DB_OWNER=//p' "$dir/db.env"); app=$(sed -n 's/^CARA_DB_APP=//p' "$dir/db.env")
  bench_keys "$dir/keys"

  ConnectionStrings__CaraOwner=$owner ConnectionStrings__Cara=$app ASPNETCORE_ENVIRONMENT=Development \
    ASPNETCORE_URLS=http://127.0.0.1:$web Logging__LogLevel__Default=Warning \
    dotnet "$dll" --contentRoot "$content" > "$dir/seed.log" 2>&1 &
  bench_host=$!
  trap 'kill -TERM "$bench_host" 2>/dev/null; wait "$bench_host" 2>/dev/null; build/postgres.sh stop "$bench_dir/pg"' EXIT
  wait_ready "http://127.0.0.1:$web/health/ready" "$dir/seed.log" localhost
  kill -TERM "$bench_host"; wait "$bench_host" 2>/dev/null || true

  ConnectionStrings__CaraOwner=$owner ConnectionStrings__Cara=$app ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://127.0.0.1:$web Logging__LogLevel__Default=Warning \
    OpenIddict__SigningCertificatePath="$root/$dir/keys/signing.pfx" OpenIddict__EncryptionCertificatePath="$root/$dir/keys/encryption.pfx" \
    OpenIddict__Issuer=https://cara.bench.test/ Cara__PublicUrl=https://cara.bench.test/ AllowedHosts=cara.bench.test \
    DataProtection__CertificatePath="$root/.cara/data-protection/key-encryption.pfx" National__PseudonymKey="$(cat .cara/national/pseudonym-key)" \
    Materials__FileSystem__Root="$root/$dir/materials" Mail__Smtp__Host=127.0.0.1 Mail__Dispatch__Enabled=false ReverseProxy__KnownNetworks__0=127.0.0.1/32 \
    RateLimits__Api__PerCaller=100000000 RateLimits__Token__PerAddress=100000 RateLimits__Token__PerAccount=100000 \
    RateLimits__SignIn__PerAddress=100000 Referrals__Deadlines__Enabled=false \
    dotnet "$dll" --contentRoot "$content" > "$dir/host.log" 2>&1 &
  bench_host=$!
  wait_ready "http://127.0.0.1:$web/health/ready" "$dir/host.log" cara.bench.test
  dotnet tests/CaraPlatform.Benchmarks/bin/Release/net10.0/CaraPlatform.Benchmarks.dll \
    --base "http://127.0.0.1:$web" --owner "$owner" --app "$app" --superuser "$admin" --wrk-lua "$root/../shared/wrk-json.lua" \
    --host-pid "$bench_host" --host-dll "$dll" --content-root "$content" --out "$root/bench/results" "$@"
}

# Refreshes openapi/v1.json (the baseline the tests hold the served document to, and the generated client's source)
# with the document the host serves, written without a database. A breaking change against the committed baseline is
# refused unless info.version changed, or --accept-breaking says that whoever runs it means to break integrators.
cmd_openapi() {
  need_node
  dotnet build src/CaraPlatform.Web -v quiet -nologo
  local served
  served=$(mktemp --suffix=.json)
  dotnet src/CaraPlatform.Web/bin/Debug/net10.0/CaraPlatform.Web.dll write-openapi "$served" --contentRoot "$root/src/CaraPlatform.Web"
  tools/openapi/check.sh lint "$served"
  [ "${1:-}" = --accept-breaking ] || tools/openapi/check.sh breaking openapi/v1.json "$served"
  mv "$served" openapi/v1.json
  echo "openapi/v1.json refreshed; the client (src/CaraPlatform.Client) is generated from it at the next build."
}

# Waits up to two minutes for a host's readiness, showing its log's end if it never comes.
wait_ready() {
  local url=$1 log=$2 host=$3
  for _ in $(seq 1 120); do curl -fs -H "Host: $host" -H "X-Forwarded-Proto: https" "$url" >/dev/null 2>&1 && return 0; sleep 1; done
  tail -n 30 "$log" >&2
  exit 1
}

# The Production bench host's OpenID Connect certificates, made once (self-signed, as a test deployment would).
bench_keys() {
  local keys=$1
  [ -f "$keys/signing.pfx" ] && [ -f "$keys/encryption.pfx" ] && return 0
  mkdir -p "$keys"
  local use
  for use in signing:digitalSignature encryption:keyEncipherment; do
    openssl req -x509 -newkey rsa:2048 -nodes -days 730 -subj "/CN=cara bench ${use%%:*}" -addext "keyUsage=critical,${use#*:}" \
      -keyout "$keys/${use%%:*}.key" -out "$keys/${use%%:*}.crt" 2>/dev/null
    openssl pkcs12 -export -inkey "$keys/${use%%:*}.key" -in "$keys/${use%%:*}.crt" -out "$keys/${use%%:*}.pfx" -passout pass:
    rm "$keys/${use%%:*}.key"
  done
}

# Sums the TRX counters of every test project: CI reads this line, not dotnet test's own summary.
summarise() {
  local dir=$1 status=$2 passed=0 failed=0 skipped=0
  for trx in "$dir"/*.trx; do
    [ -f "$trx" ] || continue
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    local total executed p f
    total=$(attr total); executed=$(attr executed); p=$(attr passed); f=$(attr failed)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${total:-0} - ${executed:-0}))
  done
  if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
    echo "dotnet test failed before any test failed (build error or crashed test host)" >&2
    failed=1
  fi
  echo "Tests: $passed passed, $failed failed, $skipped skipped"
  [ "$failed" = 0 ]
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  openapi) shift; cmd_openapi "$@" ;;
  *) echo "usage: ./build.sh run | test | bench [--quick] | openapi [--accept-breaking]" >&2; exit 2 ;;
esac
