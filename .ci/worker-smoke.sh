#!/usr/bin/env bash
# Workers smoke test: runs the real Worker under `wrangler dev` (workerd) against a fresh PostgreSQL database and
# drives the foundation through HTTP: register a company -> bureau verifies it -> the company sees itself verified,
# then the marketplace: an order, its matches, an allocation job run by the Queues consumer, and sealed bids that are submitted and opened inside workerd (one by
# the first read after the deadline, one by the Cron handler), checked in the database before and after.
# It also loads /docs and every file the page loads, which the Worker serves from its static assets.
#
# Usage: bash .ci/worker-smoke.sh          (from anywhere; needs node_modules and a local PostgreSQL)
# Env:   PGHOST/PGPORT/PGUSER              PostgreSQL to use (default 127.0.0.1:5432, postgres, trust auth)
#        SMOKE_PORT                        port for wrangler dev (default 8799; a free one is picked if taken)
#        SMOKE_STARTUP_TIMEOUT             seconds to wait for /health (default 60)
#        SMOKE_HTTP_TIMEOUT                per-request curl timeout in seconds (default 60; argon2id is pure JS on workerd)
#        SMOKE_KEEP=1                      keep the database and the wrangler log afterwards (for debugging)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=.ci/lib.sh
source "$ROOT/.ci/lib.sh"

export WRANGLER_SEND_METRICS=false NO_UPDATE_NOTIFIER=1 CI=${CI:-true}
STARTUP_TIMEOUT=${SMOKE_STARTUP_TIMEOUT:-60}
HTTP_TIMEOUT=${SMOKE_HTTP_TIMEOUT:-60}

[[ -x node_modules/.bin/wrangler ]] || die "node_modules/.bin/wrangler is missing; run npm ci first"
command -v curl >/dev/null || die "curl is required"
HAVE_JQ=0
command -v jq >/dev/null && HAVE_JQ=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ob-worker-smoke.XXXXXX")
WRANGLER_LOG="$WORK/wrangler.log"
# wrangler also writes a debug log per run under ~/.config; keep it with ours (and removed with it).
export WRANGLER_LOG_PATH="$WORK/wrangler-debug"
DB=$(fresh_db_name ob_ci_worker)
DB_URL=$(pg_url "$DB")
# The bid sealing key (required with DATABASE_URL and on Workers); the CLI and the Worker share it.
BID_SEALING_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')
export BID_SEALING_KEY
WRANGLER_PID=""
DB_CREATED=0
STEP_START=$(date +%s)
SMOKE_START=$STEP_START

step() {
  local now
  now=$(date +%s)
  printf -- '--- [smoke %s, +%s] %s\n' "$(date +%H:%M:%S)" "$(fmt_duration $((now - SMOKE_START)))" "$*"
}

stop_wrangler() {
  [[ -n "$WRANGLER_PID" ]] || return 0
  local pid=$WRANGLER_PID i
  WRANGLER_PID=""
  # wrangler runs in its own session/process group (setsid below): signal the whole group (npx, node, workerd).
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for ((i = 0; i < 20; i++)); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  stop_wrangler
  if ((rc != 0)); then
    echo
    echo "================ worker smoke FAILED (exit $rc): wrangler log ($WRANGLER_LOG) ================"
    if [[ -s "$WRANGLER_LOG" ]]; then tail -n 300 "$WRANGLER_LOG"; else echo "(empty or not started)"; fi
    echo "================ end of wrangler log ================"
  fi
  if [[ "${SMOKE_KEEP:-0}" == 1 ]]; then
    log "SMOKE_KEEP=1: keeping database $DB and $WORK"
  else
    ((DB_CREATED)) && drop_db "$DB"
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- JSON -------------------------------------------------------------------------------------------------------------
# jget FILE '.a.b' -> the value (strings unquoted), or fails when missing/null.
jget() {
  if ((HAVE_JQ)); then
    jq -er "$2" "$1"
  else
    node -e '
      const fs = require("fs");
      let v = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      for (const k of process.argv[2].split(".").filter(Boolean)) v = v == null ? undefined : v[k];
      if (v === undefined || v === null || v === false) process.exit(1);
      console.log(typeof v === "object" ? JSON.stringify(v) : String(v));
    ' "$1" "$2"
  fi
}

# --- HTTP -------------------------------------------------------------------------------------------------------------
BODY="$WORK/body.json"
HEADERS="$WORK/headers.txt"
STATUS=""

# call METHOD PATH [JSON_BODY] [TOKEN] [EXTRA_HEADER] -> sets STATUS, response body in $BODY, headers in $HEADERS.
call() {
  local method=$1 path=$2 data=${3:-} token=${4:-} extra=${5:-}
  local args=(-sS --max-time "$HTTP_TIMEOUT" -o "$BODY" -D "$HEADERS" -w '%{http_code}' -X "$method")
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$extra" ]] && args+=(-H "$extra")
  [[ -n "$data" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  : >"$BODY"
  STATUS=$(curl "${args[@]}" "$BASE$path") || STATUS="${STATUS:-000}"
}

# expect METHOD PATH STATUS [JSON_BODY] [TOKEN] [EXTRA_HEADER]
expect() {
  local method=$1 path=$2 want=$3
  local t0 t1
  t0=$(date +%s%3N)
  call "$method" "$path" "${4:-}" "${5:-}" "${6:-}"
  t1=$(date +%s%3N)
  if [[ "$STATUS" != "$want" ]]; then
    echo "FAIL: $method $path -> HTTP $STATUS (expected $want) after $((t1 - t0)) ms; body:" >&2
    cat "$BODY" >&2 || true
    echo >&2
    exit 1
  fi
  log "ok   $method $path -> $STATUS ($((t1 - t0)) ms)"
}

# header NAME -> the value of a header of the last response (case-insensitive name), or nothing.
header() { tr -d '\r' <"$HEADERS" | awk -v name="$(echo "$1" | tr '[:upper:]' '[:lower:]')" -F': ' 'tolower($1)==name{sub(/^[^:]*: /, ""); print}'; }

assert_eq() { # assert_eq WHAT ACTUAL EXPECTED
  if [[ "$2" != "$3" ]]; then
    echo "FAIL: $1 is '$2', expected '$3'; last response:" >&2
    cat "$BODY" >&2 || true
    echo >&2
    exit 1
  fi
  log "ok   $1 == $3"
}

free_port() {
  node -e '
    const net = require("net");
    const want = Number(process.argv[1]);
    const tryListen = (port) => {
      const s = net.createServer();
      s.once("error", () => (port === 0 ? process.exit(1) : tryListen(0)));
      s.listen(port, "127.0.0.1", () => { const p = s.address().port; s.close(() => console.log(p)); });
    };
    tryListen(want);
  ' "$1"
}

# A valid, random Unified Social Credit Code (same algorithm as src/modules/organizations/uscc.ts).
random_uscc() {
  node -e '
    const CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const first17 = "91110108MA" + String(Math.floor(Math.random() * 1e7)).padStart(7, "0");
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i]) * W[i];
    console.log(first17 + CHARS[(31 - (sum % 31)) % 31]);
  '
}

# --- 1. database ------------------------------------------------------------------------------------------------------
step "database: $DB"
ensure_postgres
create_db "$DB"
DB_CREATED=1
DATABASE_URL="$DB_URL" npm run --silent db:migrate </dev/null

RUN_ID="$(date +%s)-$$"
BUREAU_EMAIL="ci-bureau-$RUN_ID@example.com"
BUREAU_PASSWORD="ci-bureau-password-$RUN_ID"
COMPANY_EMAIL="ci-company-$RUN_ID@example.com"
COMPANY_PASSWORD="ci-company-password-$RUN_ID"
DATABASE_URL="$DB_URL" npm run --silent cli -- create-bureau-user --email "$BUREAU_EMAIL" --password "$BUREAU_PASSWORD" --name "CI Bureau" </dev/null

# --- 2. wrangler dev --------------------------------------------------------------------------------------------------
PORT=$(free_port "${SMOKE_PORT:-8799}")
INSPECTOR_PORT=$(free_port 0)
BASE="http://127.0.0.1:$PORT"
step "wrangler dev on $BASE (inspector $INSPECTOR_PORT, log $WRANGLER_LOG)"
# setsid: wrangler gets its own process group, so cleanup can stop npx, wrangler and workerd together.
setsid npx --no-install wrangler dev \
  --ip 127.0.0.1 --port "$PORT" --inspector-port "$INSPECTOR_PORT" \
  --var "DATABASE_URL:$DB_URL" --var "BID_SEALING_KEY:$BID_SEALING_KEY" --var LOG_LEVEL:info \
  --var RATE_LIMIT_PER_MINUTE:60 --var AWARD_PUBLICITY_MINUTES:0 \
  --test-scheduled --show-interactive-dev-session=false \
  --persist-to "$WORK/state" \
  </dev/null >"$WRANGLER_LOG" 2>&1 &
WRANGLER_PID=$!

deadline=$(($(date +%s) + STARTUP_TIMEOUT))
until [[ "$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$BASE/health" || true)" == 200 ]]; do
  kill -0 "$WRANGLER_PID" 2>/dev/null || die "wrangler dev exited before /health answered"
  (($(date +%s) < deadline)) || die "/health did not answer 200 within ${STARTUP_TIMEOUT}s"
  sleep 1
done
step "worker is up"

# --- 3. HTTP flow -----------------------------------------------------------------------------------------------------
psql_value() { psql -X -Atq -c "$1" "$DB_URL"; }
expect GET /health 200
assert_eq "health.status" "$(jget "$BODY" .status)" ok
assert_eq "health.database" "$(jget "$BODY" .database)" ok
expect GET /openapi.json 200

# The API reference comes from the Worker itself (swagger-ui-dist through the ASSETS binding), never from a CDN:
# the page and every file it loads are same-origin, and the vendor files are the installed package's bytes.
expect GET /docs 200
assert_eq "/docs content-type" "$(header content-type)" "text/html; charset=UTF-8"
assert_eq "/docs X-Content-Type-Options" "$(header x-content-type-options)" nosniff
CSP=$(header content-security-policy)
[[ "$CSP" == *"default-src 'none'"* && "$CSP" == *"script-src 'self'"* && "$CSP" != *http* ]] ||
  die "/docs Content-Security-Policy is not same-origin only: $CSP"
log "ok   /docs Content-Security-Policy allows only the origin: $CSP"
grep -q 'data-openapi-url="/openapi.json"' "$BODY" || die "/docs does not point at /openapi.json"
mapfile -t DOCS_FILES < <(grep -oE '(src|href)="[^"]*"' "$BODY" | sed -E 's/^(src|href)="//; s/"$//' | grep -v '^data:')
((${#DOCS_FILES[@]} >= 3)) || die "/docs loads ${#DOCS_FILES[@]} files, expected the stylesheet and two scripts"
for file in "${DOCS_FILES[@]}"; do
  [[ "$file" == /* && "$file" != //* ]] || die "/docs loads $file, which is not a same-origin path"
  expect GET "$file" 200
  assert_eq "$file X-Content-Type-Options" "$(header x-content-type-options)" nosniff
  case "$file" in
  /docs/assets/*)
    cmp -s "$BODY" "node_modules/swagger-ui-dist/${file##*/}" || die "$file differs from node_modules/swagger-ui-dist/${file##*/}"
    assert_eq "$file Cache-Control" "$(header cache-control)" "public, max-age=31536000, immutable"
    log "ok   $file is node_modules/swagger-ui-dist/${file##*/} ($(wc -c <"$BODY") bytes, served by the Worker)"
    ;;
  esac
done
expect GET /v1/me 401

USCC=$(random_uscc)
REGISTER_BODY=$(printf '{"organization":{"kind":"company","name":"CI Smoke Company %s","uscc":"%s","city":"Beijing","district":"Haidian"},"user":{"email":"%s","password":"%s","displayName":"CI Company Admin"}}' \
  "$RUN_ID" "$USCC" "$COMPANY_EMAIL" "$COMPANY_PASSWORD")
expect POST /v1/auth/register 201 "$REGISTER_BODY" "" "Idempotency-Key: ci-register-$RUN_ID"
ORG_ID=$(jget "$BODY" .organization.id)
assert_eq "registered organization.status" "$(jget "$BODY" .organization.status)" pending
# Anonymous calls are never replayed: the same key and body run again and meet the taken USCC.
expect POST /v1/auth/register 409 "$REGISTER_BODY" "" "Idempotency-Key: ci-register-$RUN_ID"
assert_eq "security header X-Content-Type-Options" "$(header x-content-type-options)" nosniff

# The bureau user's hash was made by the CLI (native @node-rs/argon2); workerd verifies it with pure-JS argon2id.
expect POST /v1/auth/login 200 "{\"email\":\"$BUREAU_EMAIL\",\"password\":\"$BUREAU_PASSWORD\"}"
BUREAU_TOKEN=$(jget "$BODY" .token)
expect POST /v1/auth/login 401 "{\"email\":\"$BUREAU_EMAIL\",\"password\":\"wrong-password-123\"}"

expect POST "/v1/organizations/$ORG_ID/verify" 200 "" "$BUREAU_TOKEN"
assert_eq "verified organization.status" "$(jget "$BODY" .status)" verified

expect POST /v1/auth/login 200 "{\"email\":\"$COMPANY_EMAIL\",\"password\":\"$COMPANY_PASSWORD\"}"
COMPANY_TOKEN=$(jget "$BODY" .token)
expect GET /v1/me 200 "" "$COMPANY_TOKEN"
assert_eq "me.organization.id" "$(jget "$BODY" .organization.id)" "$ORG_ID"
assert_eq "me.organization.status" "$(jget "$BODY" .organization.status)" verified
assert_eq "me.user.email" "$(jget "$BODY" .user.email)" "$COMPANY_EMAIL"

# A company cannot verify organisations.
expect POST "/v1/organizations/$ORG_ID/verify" 403 "" "$COMPANY_TOKEN"

# The marketplace on workerd: an order is drafted, published, listed, and matched (bigint fen, jsonb, keyset pages).
iso_in_days() { node -e 'console.log(new Date(Date.now() + Number(process.argv[1]) * 86400000).toISOString())' "$1"; }
date_in_days() { iso_in_days "$1" | cut -c1-10; }
ORDER_BODY=$(printf '{"title":"CI smoke order","description":"Smoke","occupationCode":"ai_engineer","requiredSkills":[{"skillId":"skl_deep_learning","minLevel":3,"weight":5,"essential":true}],"headcountMin":5,"headcountMax":10,"location":{"city":"Beijing","remoteAllowed":true},"deliverBy":"%s","budgetPerTraineeFen":1500000,"hiringCommitment":{"hires":5,"salaryMinFen":1800000,"salaryMaxFen":2600000,"servicePeriodMonths":24},"enquiryDeadline":"%s","bidDeadline":"%s","matchWeights":{"skills":0.6}}' \
  "$(date_in_days 120)" "$(iso_in_days 10)" "$(iso_in_days 14)")
expect POST /v1/orders 201 "$ORDER_BODY" "$COMPANY_TOKEN" "Idempotency-Key: ci-order-$RUN_ID"
ORDER_ID=$(jget "$BODY" .id)
assert_eq "order.budgetPerTraineeFen" "$(jget "$BODY" .budgetPerTraineeFen)" 1500000
assert_eq "Cache-Control on an authenticated response" "$(header cache-control)" no-store
# The same Idempotency-Key and body replay the first response (exercises the idempotency table on workerd).
expect POST /v1/orders 201 "$ORDER_BODY" "$COMPANY_TOKEN" "Idempotency-Key: ci-order-$RUN_ID"
assert_eq "replayed order.id" "$(jget "$BODY" .id)" "$ORDER_ID"
assert_eq "Idempotent-Replayed header" "$(header idempotent-replayed)" true
expect POST "/v1/orders/$ORDER_ID/publish" 200 "" "$COMPANY_TOKEN"
assert_eq "published order.status" "$(jget "$BODY" .status)" open
expect GET "/v1/orders?mine=true&status=open&limit=1" 200 "" "$COMPANY_TOKEN"
assert_eq "listed order id" "$(jget "$BODY" '.data[0].id')" "$ORDER_ID"
expect GET "/v1/orders/$ORDER_ID/matches" 200 "" "$COMPANY_TOKEN"
assert_eq "matches weights.skills > 0" "$(jget "$BODY" '.weights.skills > 0')" true
# An allocation job, queued by the API and run to the end inside workerd by the Queues consumer (wrangler dev runs
# the queue locally): 202 at once, then `succeeded` with the result.
expect POST /v1/matching/allocations 202 '{"mode":"optimal","allowSplit":true}' "$BUREAU_TOKEN"
ALLOCATION_ID=$(jget "$BODY" .id)
assert_eq "queued allocation status" "$(jget "$BODY" .status)" queued
assert_eq "allocation Location" "$(header location)" "/v1/matching/allocations/$ALLOCATION_ID"
ALLOCATION_STATUS=queued
for _ in $(seq 1 60); do
  call GET "/v1/matching/allocations/$ALLOCATION_ID" "" "$BUREAU_TOKEN"
  ALLOCATION_STATUS=$(jget "$BODY" .status || echo "?")
  [[ "$ALLOCATION_STATUS" == succeeded || "$ALLOCATION_STATUS" == failed ]] && break
  sleep 1
done
assert_eq "allocation job status inside workerd" "$ALLOCATION_STATUS" succeeded
assert_eq "allocation stats.orders" "$(jget "$BODY" .stats.orders)" 1
assert_eq "allocation ran on Workers" "$(psql_value "select count(*) from allocations where id = '$ALLOCATION_ID' and finished_at is not null")" 1

# The web console on workerd: the sign-in page (zh-CN by default, strict CSP, its stylesheet from the Worker), a
# form sign-in that sets the HttpOnly session cookie, and the dashboard rendered from that cookie.
expect GET /console/sign-in 200
assert_eq "/console/sign-in content-type" "$(header content-type)" "text/html; charset=UTF-8"
grep -q '<html lang="zh-CN">' "$BODY" || die "/console/sign-in is not in Chinese by default"
CONSOLE_CSP=$(header content-security-policy)
[[ "$CONSOLE_CSP" == *"default-src 'none'"* && "$CONSOLE_CSP" != *unsafe-inline* ]] || die "console CSP is not strict: $CONSOLE_CSP"
PRESESSION=$(tr -d '\r' <"$HEADERS" | sed -n 's/^[Ss]et-[Cc]ookie: ob_presession=\([^;]*\).*/\1/p' | head -n 1)
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$BODY" | head -n 1 | sed 's/.*value="//; s/"$//')
[[ -n "$PRESESSION" && -n "$CSRF" ]] || die "/console/sign-in set no pre-session cookie or form token"
STYLESHEET=$(grep -o 'href="/console/assets/[^"]*"' "$BODY" | sed 's/^href="//; s/"$//')
expect GET "$STYLESHEET" 200
assert_eq "console stylesheet content-type" "$(header content-type)" "text/css; charset=utf-8"
: >"$BODY"
STATUS=$(curl -sS --max-time "$HTTP_TIMEOUT" -o "$BODY" -D "$HEADERS" -w '%{http_code}' -X POST \
  -H "Cookie: ob_presession=$PRESESSION" \
  --data-urlencode "_csrf=$CSRF" --data-urlencode "email=$COMPANY_EMAIL" --data-urlencode "password=$COMPANY_PASSWORD" \
  "$BASE/console/sign-in") || true
assert_eq "console sign-in status" "$STATUS" 303
SESSION_COOKIE=$(tr -d '\r' <"$HEADERS" | grep -i '^set-cookie: ob_session=' | head -n 1)
[[ "$SESSION_COOKIE" == *HttpOnly* && "$SESSION_COOKIE" == *SameSite=Lax* && "$SESSION_COOKIE" == *Path=/console* ]] ||
  die "the console session cookie lacks HttpOnly, SameSite=Lax or Path=/console: $SESSION_COOKIE"
SESSION=$(echo "$SESSION_COOKIE" | sed 's/^[^=]*=\([^;]*\).*/\1/')
log "ok   form sign-in set the session cookie"
expect GET /console 200 "" "" "Cookie: ob_session=$SESSION"
grep -q "CI Smoke Company $RUN_ID" "$BODY" || die "the console dashboard does not name the signed-in company"
grep -q "CI smoke order" "$BODY" || die "the console dashboard does not list the company's order"
log "ok   /console dashboard rendered from the session cookie"

# --- 4. sealed bids on workerd ------------------------------------------------------------------------------------
# A provider bids on two orders whose deadline is 40 seconds away. Before it: ciphertext only in the database, and
# the company sees bidCount alone. After it: order A opens on the company's first read, order B in the Cron handler.
iso_in_seconds() { node -e 'console.log(new Date(Date.now() + Number(process.argv[1]) * 1000).toISOString())' "$1"; }
PROVIDER_EMAIL="ci-provider-$RUN_ID@example.com"
PROVIDER_PASSWORD="ci-provider-password-$RUN_ID"
PROVIDER_BODY=$(printf '{"organization":{"kind":"provider","name":"CI Smoke Provider %s","uscc":"%s","city":"Beijing","district":"Haidian"},"user":{"email":"%s","password":"%s","displayName":"CI Provider Admin"}}' \
  "$RUN_ID" "$(random_uscc)" "$PROVIDER_EMAIL" "$PROVIDER_PASSWORD")
expect POST /v1/auth/register 201 "$PROVIDER_BODY"
PROVIDER_ORG=$(jget "$BODY" .organization.id)
expect POST "/v1/organizations/$PROVIDER_ORG/verify" 200 "" "$BUREAU_TOKEN"
expect POST "/v1/organizations/$PROVIDER_ORG/accreditations" 201 "{\"occupationCode\":\"ai_engineer\",\"validUntil\":\"$(date_in_days 365)\"}" "$BUREAU_TOKEN"
expect POST /v1/auth/login 200 "{\"email\":\"$PROVIDER_EMAIL\",\"password\":\"$PROVIDER_PASSWORD\"}"
PROVIDER_TOKEN=$(jget "$BODY" .token)
expect POST /v1/programs 201 '{"title":"CI smoke CV bootcamp","description":"Deep learning for inspection","occupationCode":"ai_engineer","skills":[{"skillId":"skl_deep_learning","level":3}],"durationWeeks":12,"mode":"onsite","city":"Beijing","cohortCapacity":30,"pricePerTraineeFen":1200000,"certification":{"type":"vocational_skill_level","level":3}}' "$PROVIDER_TOKEN"
PROGRAM_ID=$(jget "$BODY" .id)

DEADLINE_EPOCH=$(($(date +%s) + 40))
DEADLINE=$(node -e 'console.log(new Date(Number(process.argv[1]) * 1000).toISOString())' "$DEADLINE_EPOCH")
SEALED_ORDER=$(printf '{"title":"CI sealed-bid order %%s","description":"Smoke","occupationCode":"ai_engineer","requiredSkills":[{"skillId":"skl_deep_learning","minLevel":3,"weight":5,"essential":true}],"headcountMin":5,"headcountMax":10,"location":{"city":"Beijing","remoteAllowed":false},"deliverBy":"%s","budgetPerTraineeFen":1500000,"hiringCommitment":{"hires":5,"salaryMinFen":1800000,"salaryMaxFen":2600000,"servicePeriodMonths":24},"enquiryDeadline":"%s","bidDeadline":"%s"}' \
  "$(date_in_days 120)" "$(iso_in_seconds 30)" "$DEADLINE")
BID_BODY=$(printf '{"programId":"%s","cohortSize":8,"pricePerTraineeFen":1234567,"startDate":"%s","endDate":"%s","proposal":"CI sealed proposal","validUntil":"%s"}' \
  "$PROGRAM_ID" "$(date_in_days 7)" "$(date_in_days 100)" "$(date_in_days 30)")
declare -A SEALED_ORDERS=() SEALED_BIDS=()
for which in A B; do
  expect POST /v1/orders 201 "$(printf "$SEALED_ORDER" "$which")" "$COMPANY_TOKEN"
  SEALED_ORDERS[$which]=$(jget "$BODY" .id)
  expect POST "/v1/orders/${SEALED_ORDERS[$which]}/publish" 200 "" "$COMPANY_TOKEN"
  expect POST "/v1/orders/${SEALED_ORDERS[$which]}/bids" 201 "$BID_BODY" "$PROVIDER_TOKEN" "Idempotency-Key: ci-bid-$which-$RUN_ID"
  SEALED_BIDS[$which]=$(jget "$BODY" .id)
  expect POST "/v1/bids/${SEALED_BIDS[$which]}/submit" 200 "" "$PROVIDER_TOKEN"
  assert_eq "submitted bid status" "$(jget "$BODY" .status)" submitted
done
# Sealed at rest: WebCrypto AES-256-GCM on workerd wrote ciphertext only.
assert_eq "bid A sealed at rest before the deadline" "$(psql_value "select count(*) from bids where id = '${SEALED_BIDS[A]}' and price_per_trainee_fen is null and proposal is null and sealed_terms is not null")" 1
expect GET "/v1/orders/${SEALED_ORDERS[A]}/bids" 200 "" "$COMPANY_TOKEN"
assert_eq "sealed before the deadline" "$(jget "$BODY" .sealed)" true
assert_eq "bidCount before the deadline" "$(jget "$BODY" .bidCount)" 1
expect GET "/v1/bids/${SEALED_BIDS[A]}" 404 "" "$COMPANY_TOKEN"
expect GET "/v1/bids/${SEALED_BIDS[A]}" 200 "" "$PROVIDER_TOKEN"
assert_eq "the provider reads its own sealed price" "$(jget "$BODY" .pricePerTraineeFen)" 1234567

step "waiting for the bid deadline $DEADLINE"
while (($(date +%s) <= DEADLINE_EPOCH)); do sleep 1; done
# Order A: opened by the company's first read after the deadline.
expect GET "/v1/orders/${SEALED_ORDERS[A]}/bids" 200 "" "$COMPANY_TOKEN"
assert_eq "opened after the deadline" "$(jget "$BODY" .sealed)" false
assert_eq "opened bid price" "$(jget "$BODY" '.data[0].bid.pricePerTraineeFen')" 1234567
assert_eq "opened bid rank" "$(jget "$BODY" '.data[0].rank')" 1
assert_eq "opened bid has a score" "$(jget "$BODY" '.data[0].score > 0')" true
assert_eq "bid A in clear after the opening" "$(psql_value "select count(*) from bids where id = '${SEALED_BIDS[A]}' and price_per_trainee_fen = 1234567 and sealed_terms is null and opened_at is not null")" 1
# Order B: opened by the Cron handler (deadline sweeps) before anyone reads it.
assert_eq "order B still sealed" "$(psql_value "select count(*) from orders where id = '${SEALED_ORDERS[B]}' and bids_opened_at is null")" 1
expect GET "/__scheduled?cron=*/5+*+*+*+*" 200
for _ in $(seq 1 20); do
  [[ "$(psql_value "select count(*) from orders where id = '${SEALED_ORDERS[B]}' and bids_opened_at is not null")" == 1 ]] && break
  sleep 1
done
assert_eq "order B opened by the Cron handler" "$(psql_value "select status from orders where id = '${SEALED_ORDERS[B]}' and bids_opened_at is not null")" evaluation
assert_eq "one opening audited per order" "$(psql_value "select count(*) from audit_log where action = 'open_bids' and entity_id in ('${SEALED_ORDERS[A]}', '${SEALED_ORDERS[B]}')")" 2
expect POST "/v1/orders/${SEALED_ORDERS[B]}/award" 201 "{\"bidIds\":[\"${SEALED_BIDS[B]}\"],\"reason\":\"The only bid, and a good one\"}" "$COMPANY_TOKEN"
assert_eq "draft contract headcount" "$(jget "$BODY" '.contracts[0].terms.headcount')" 8
CONTRACT_ID=$(jget "$BODY" '.contracts[0].id')

# --- 5. a contract signed and reviewed inside workerd (AWARD_PUBLICITY_MINUTES=0 above: no publicity wait) ----------
expect PUT /v1/subsidy-policies/ai_engineer 201 "{\"perTraineeFen\":300000,\"validFrom\":\"$(date_in_days 0)\"}" "$BUREAU_TOKEN"
expect PATCH "/v1/contracts/$CONTRACT_ID" 200 '{"subsidyRequestedFen":2400000}' "$COMPANY_TOKEN" 'If-Match: "1"'
expect POST "/v1/contracts/$CONTRACT_ID/sign" 200 "" "$COMPANY_TOKEN"
# The signature binds the SHA-256 (WebCrypto on workerd) of the canonical terms of version 2.
assert_eq "company signature terms version" "$(jget "$BODY" .signatures.company.termsVersion)" 2
[[ "$(jget "$BODY" .signatures.company.termsSha256)" =~ ^[0-9a-f]{64}$ ]] || die "no SHA-256 on the company's signature"
expect POST "/v1/contracts/$CONTRACT_ID/sign" 200 "" "$PROVIDER_TOKEN"
assert_eq "contract signed by both" "$(jget "$BODY" .status)" signed
expect POST "/v1/contracts/$CONTRACT_ID/submit" 200 "" "$PROVIDER_TOKEN"
expect POST "/v1/contracts/$CONTRACT_ID/review" 200 '{"decision":"approve","reason":"Within policy","subsidyApprovedFen":2000000}' "$BUREAU_TOKEN"
assert_eq "approved contract" "$(jget "$BODY" .status)" approved
assert_eq "approved subsidy" "$(jget "$BODY" .subsidyApprovedFen)" 2000000
assert_eq "the order follows its one contract" "$(psql_value "select status from orders where id = '${SEALED_ORDERS[B]}'")" contracted
assert_eq "contract transitions audited" "$(psql_value "select count(*) from audit_log where entity_id = '$CONTRACT_ID'")" 6
expect GET "/v1/audit?entityType=contract&entityId=$CONTRACT_ID" 200 "" "$COMPANY_TOKEN"
assert_eq "audit trail's last event" "$(jget "$BODY" '.data[5].action')" approve
expect GET "/v1/orders/${SEALED_ORDERS[B]}/ocds" 200
OCDS_STAGES=$(node -e 'const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(p.releases.map((r) => r.tag[0]).join(","))' "$BODY")
assert_eq "OCDS releases, one per stage" "$OCDS_STAGES" "tender,award,contract"

# The per-token limit (RATE_LIMIT_PER_MINUTE=60 above) is counted in the database by the token lookup on workerd;
# a fresh session's token, so that the steps above are not disturbed.
expect POST /v1/auth/login 200 "{\"email\":\"$COMPANY_EMAIL\",\"password\":\"$COMPANY_PASSWORD\"}"
LIMITED_TOKEN=$(jget "$BODY" .token)
LIMITED=0
for ((i = 0; i < 130; i++)); do
  call GET /v1/me "" "$LIMITED_TOKEN"
  if [[ "$STATUS" == 429 ]]; then LIMITED=1 && break; fi
  [[ "$STATUS" == 200 ]] || die "GET /v1/me -> $STATUS while counting towards the per-token limit"
done
assert_eq "per-token limit reached" "$LIMITED" 1
[[ -n "$(header retry-after)" ]] || die "a 429 without Retry-After"
log "ok   per-token 429 after $i more requests, Retry-After $(header retry-after)"

# --- 6. the log -------------------------------------------------------------------------------------------------------
# Uncaught exceptions in the Worker and the app's own error lines (e.g. a failing scheduled job) only surface in
# wrangler's log. (The `Request.cf` DNS warning is expected offline and is not matched.)
if sed 's/\x1b\[[0-9;]*m//g' "$WRANGLER_LOG" | grep -nE 'Uncaught|Unhandled|✘ \[ERROR\]|"level":"error"' >"$WORK/errors.txt"; then
  cat "$WORK/errors.txt" >&2
  die "wrangler log contains errors (see above)"
fi

step "worker smoke PASSED in $(fmt_duration $(($(date +%s) - SMOKE_START)))"
