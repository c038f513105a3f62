#!/usr/bin/env bash
# The live security scan of a release candidate (docs/security.md has the results and when to run it):
#   tools/security-scan/security-scan.sh
# builds the host, starts it in Development with the demo data on 127.0.0.1 (its own port and its own PostgreSQL
# cluster, made afresh each time), then runs
#   wapiti  against the portal, signed in as a hampshire Coordinator, and
#   sqlmap  against the API's query, path and JSON body parameters, with a client's and a LicenceAdmin's token.
# Reports go to .cara/security-scan/<UTC time>/ (git-ignored); the last lines are the counts per severity.
# About 20 minutes on two cores. Not run by CI (apt, and far too slow); run it before a release.
# Settings: CARA_SCAN_WEB_PORT (5097), CARA_SCAN_DB_PORT (55447), CARA_SCAN_ATTACK_SECONDS (wapiti's time per module, 90).
# apt: wapiti sqlmap
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
web_port=${CARA_SCAN_WEB_PORT:-5097}
db_port=${CARA_SCAN_DB_PORT:-55447}
attack_seconds=${CARA_SCAN_ATTACK_SECONDS:-90}
base=http://127.0.0.1:$web_port
work=.cara/security-scan
out=$work/$(date -u +%Y%m%dT%H%M%SZ)
credentials="python3 tools/security-scan/credentials.py"

missing=()
for tool in wapiti sqlmap; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "Please install: ${missing[*]} (apt-get install -y ${missing[*]})" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
command -v npm >/dev/null 2>&1 || { echo "Node.js and npm are needed to build the portal (./build.sh run installs them)" >&2; exit 1; }

dotnet build src/CaraPlatform.Web -c Debug -v quiet -nologo
app=src/CaraPlatform.Web/bin/Debug/net10.0/CaraPlatform.Web.dll

# A fresh database each time: the scan writes hundreds of odd records, and each run should start from the same demo.
build/postgres.sh stop "$work/pg" 2>/dev/null || true
rm -rf "$work/pg" "$work/db.env"
mkdir -p "$out"
admin=$(build/postgres.sh start "$work/pg" "$db_port")
trap 'build/postgres.sh stop "$root/$work/pg"' EXIT
dotnet "$app" provision-dev-db "$admin" cara_scan "$work/db.env" >/dev/null
ConnectionStrings__CaraOwner=$(sed -n 's/^CARA_DB_OWNER=//p' "$work/db.env") \
ConnectionStrings__Cara=$(sed -n 's/^CARA_DB_APP=//p' "$work/db.env") \
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=$base Logging__LogLevel__Default=Warning \
  dotnet "$app" --contentRoot "$root/src/CaraPlatform.Web" > "$out/host.log" 2>&1 &
host=$!
trap 'kill -TERM "$host" 2>/dev/null; wait "$host" 2>/dev/null; build/postgres.sh stop "$root/$work/pg"' EXIT
for _ in $(seq 1 180); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$base/health/ready" >/dev/null || { tail -n 30 "$out/host.log" >&2; exit 1; }
echo "Host ready on $base (database 127.0.0.1:$db_port); reports in $out"

# --- wapiti: the portal, signed in as a Coordinator of hampshire -------------------------------------------------------
# Debian's wapiti 3.0.4 puts its regular expression flags last, which Python 3.11 refuses, so any -x crashes it; this
# runs it (with Debian's python3, where apt put it) with the flags first, as later wapiti releases do.
wapiti() {
  /usr/bin/python3 -c 'import re, sys
import wapitiCore.net.crawler as crawler
from wapitiCore.main.wapiti import wapiti_main
crawler.wildcard_translate = lambda p: re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in p) + r"\Z")
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())' "$@"
}
# Excluded: what would end the scan's own session (sign-out, end-session) and the static assets.
$credentials cookies "$base" coordinator@hampshire.demo 'CaraDemo!2026' "$out/cookies.json"
wapiti_args=(-u "$base/" --scope folder -c "$out/cookies.json" -s "$base/tenants" -s "$base/t/hampshire"
  -x "$base/sign-out" -x "$base/connect/*" -x "$base/assets/*"
  -m "sql,xss,permanentxss,exec,file,redirect,crlf,csrf,http_headers,cookieflags,csp,methods"
  -d 4 --max-files-per-dir 15 --max-links-per-page 40 --max-scan-time 180 --max-attack-time "$attack_seconds"
  -S normal -t 20 --store-session "$out/wapiti-session" --no-bugreport -v 1)
wapiti "${wapiti_args[@]}" -f json -o "$out/wapiti.json" > "$out/wapiti.log" 2>&1
# The same session again for the HTML report: every page is attacked already, so this only writes the report.
wapiti "${wapiti_args[@]}" --skip-crawl -f html -o "$out/wapiti-html" > /dev/null 2>&1 || true

# --- sqlmap: the API's parameters ---------------------------------------------------------------------------------------
api=$base/api/v1
client=$($credentials client "$base" hampshire-integration cara-demo-secret \
  "venues.read venues.write referrals.read referrals.write outcomes.write workshops.read workshops.write")
national=$($credentials person "$base" licence-admin@hamptontrust.demo 'CaraDemo!2026' \
  "openid licences.read training.read national.read")
# The list's filters set to a referral that is there, and a real cursor: sqlmap compares answers, so the base request
# must find something (an invalid cursor, say, would make every answer the same 400).
read -r referral filters cursor < <(curl -fs "$api/tenants/hampshire/referrals?limit=1" -H "Authorization: Bearer $client" \
  | python3 -c 'import datetime, json, sys, urllib.parse
page = json.load(sys.stdin); r = page["items"][0]; received = datetime.date.fromisoformat(r["receivedAt"][:10])
print(r["id"], urllib.parse.urlencode({"status": r["status"], "receivedFrom": str(received), "receivedTo": str(received),
      "policeReference": r["policeReference"], "q": r["offenderName"].split()[-1]}), urllib.parse.quote(page["nextCursor"]))')
body=$(python3 - <<'PY'
import datetime, json
today = datetime.date.today()
print(json.dumps({
    "policeReference": "44/90001/26", "forceCode": "hampshire-and-isle-of-wight", "disposalType": "DiversionaryCaution",
    "disposalDate": str(today - datetime.timedelta(days=3)),
    "officer": {"name": "PC Jane Hollis", "collarNumber": "HC1234", "email": "jane.hollis@police.example"},
    "offence": {"typeCode": "common-assault", "date": str(today - datetime.timedelta(days=10)), "relationship": "CurrentPartner"},
    "offender": {"givenName": "Daniel", "familyName": "Marsh", "dateOfBirth": "1990-05-14", "sex": "Male", "postcode": "SO14 5GL"},
    "eligibility": {"onBail": False, "subjectToCourtOrderOrCommunitySentence": False,
                    "evidenceOfCoerciveOrControllingBehaviour": False, "dash": {"score": 4, "assessedLevel": "Standard"},
                    "victimViewsRecorded": True, "specificRiskToVictimFromCaution": False,
                    "tenantAnswers": {"alcohol-drug-dependency": False, "island-travel": True}},
    "victim": {"givenName": "Alex", "familyName": "Marsh", "relationship": "CurrentPartner",
               "safeContactMethod": "Phone", "phone": "07700 900123", "contactConsented": True}}))
PY
)
# With a '*' in the URL sqlmap tests only the marked places, so a target marks every place it should try.
# Level 2 adds the boolean and time-based payloads in more places; the DBMS is known, so only PostgreSQL's are sent.
sqlmap_common=(--batch --dbms=PostgreSQL --level 2 --risk 1 --time-sec 2 --threads 2 --flush-session
  --disable-coloring --output-dir "$out/sqlmap")
sqlmap_target() {
  local name=$1; shift
  echo "sqlmap: $name"
  sqlmap "${sqlmap_common[@]}" "$@" > "$out/sqlmap-$name.log" 2>&1 || true
}
sqlmap_target referrals-query -H "Authorization: Bearer $client" -u "$api/tenants/hampshire/referrals?$filters&limit=10"
sqlmap_target referrals-cursor -H "Authorization: Bearer $client" -u "$api/tenants/hampshire/referrals?cursor=$cursor&limit=5"
sqlmap_target referral-path -H "Authorization: Bearer $client" -u "$api/tenants/hampshire*/referrals/$referral*"
# The body is sent once first, so that every answer to it unchanged is the same 409 (this police reference is taken).
curl -fs -o /dev/null "$api/tenants/hampshire/referrals" -H "Authorization: Bearer $client" -H "Content-Type: application/json" --data "$body"
sqlmap_target referral-body -H "Authorization: Bearer $client" -H "Content-Type: application/json" \
  -u "$api/tenants/hampshire/referrals" --data "$body"
sqlmap_target training-people -H "Authorization: Bearer $national" -u "$api/national/training/people?search=Ashdown"
sqlmap_target national-table -H "Authorization: Bearer $national" \
  -u "$api/national/data/referrals-by-month*?tenant=hampshire*&force=hampshire-and-isle-of-wight*&from=2026-01-01*&to=2026-11-30*&cohort=IpvMale*&language=en*"

# --- summary --------------------------------------------------------------------------------------------------------------
python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
report = json.load(open(os.path.join(out, "wapiti.json")))
names = {"4": "critical", "3": "high", "2": "medium", "1": "low", "0": "info"}
counts = {n: 0 for n in names.values()}
for section in ("vulnerabilities", "anomalies", "additionals"):
    for category, findings in report.get(section, {}).items():
        for f in findings:
            level = names.get(str(f.get("level")), "info")
            counts[level] += 1
            print(f"wapiti {level:8} {section[:-1]:14} {category}: {f['method']} {f['path']} [{f.get('parameter') or ''}] {f['info'][:160]}")
print("wapiti: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
injectable = [os.path.basename(log)[7:-4] for log in sorted(glob.glob(os.path.join(out, "sqlmap-*.log")))
              if "identified the following injection point" in open(log, encoding="utf-8", errors="replace").read()]
print(f"sqlmap: {len(injectable)} injectable target(s){': ' + ', '.join(injectable) if injectable else ''}"
      f" of {len(glob.glob(os.path.join(out, 'sqlmap-*.log')))}")
PY
