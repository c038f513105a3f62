#!/usr/bin/env bash
# Checks the run command as a newcomer would use it: `./build.sh run` from cold, /health/ready within 90 s,
# the OpenAPI document served and listing the venue endpoints, then a clean stop of host and database.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
start=$(date +%s%N)
setsid ./build.sh run > "$log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 1 180); do
  if curl -sf http://127.0.0.1:5080/health/ready > /dev/null 2>&1; then ready=$(( ($(date +%s%N) - start) / 1000000 )); break; fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.5
done
status=0
if [ -z "$ready" ] || [ "$ready" -gt 90000 ]; then
  echo "smoke: /health/ready did not answer 200 within 90 s" >&2; tail -n 30 "$log" >&2; status=1
else
  echo "smoke: /health/ready 200 after ${ready} ms (build included)"
  doc=$(curl -sf http://127.0.0.1:5080/swagger/v1/swagger.json || true)
  for path in '"/api/v1/tenants/{tenant}/venues"' '"/api/v1/tenants/{tenant}/venues/{venueId}"' '"openapi": "3.'; do
    if ! grep -qF "$path" <<< "$doc"; then echo "smoke: swagger.json lacks $path" >&2; status=1; fi
  done
  [ "$status" = 0 ] && echo "smoke: swagger.json is OpenAPI 3 and lists the venue endpoints"
  # The README's copy-paste example, run as written: token, read, create (or 409 on a second run against the
  # same .cara database), and 404 on another tenant.
  example=$(awk '/^Try it/{found=1} found && /^```bash/{inside=1; next} inside && /^```/{exit} inside' README.md)
  out=$(bash -c "$example" 2>&1)
  if grep -q southampton-northam <<< "$out" && grep -qE '"code":"winchester-hall"|A venue with this code already exists' <<< "$out" && grep -q '"status":"Received"' <<< "$out" && [ "$(tail -n 1 <<< "$out")" = 404 ]; then
    echo "smoke: the README's curl example works (token, list, create, refer, 404 on another tenant)"
  else
    echo "smoke: the README's curl example failed:" >&2; echo "$out" | tail -n 5 >&2; status=1
  fi
fi
# A background job ignores SIGINT, so stop it as a service manager would: SIGTERM to its process group.
kill -TERM -- -"$pid" 2> /dev/null
wait "$pid" 2> /dev/null
if [ -e .cara/pg ] && pgrep -f "$(readlink -f .cara/pg)/data" > /dev/null; then echo "smoke: the development database is still running after stopping" >&2; status=1; fi
rm -f "$log"
exit "$status"
