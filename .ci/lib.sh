# Shared helpers for .ci/run and .ci/worker-smoke.sh (sourced, not executed).
# shellcheck shell=bash

: "${PGHOST:=127.0.0.1}"
: "${PGPORT:=5432}"
: "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

# Seconds as "1m05s" / "42s".
fmt_duration() {
  local s=$1
  if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# postgres://user@host:port/<db>
pg_url() { printf 'postgres://%s@%s:%s/%s' "$PGUSER" "$PGHOST" "$PGPORT" "$1"; }

# Starts the local PostgreSQL cluster if it does not answer, then waits (up to 60 s) until it accepts connections.
ensure_postgres() {
  if pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
    log "PostgreSQL is accepting connections on $PGHOST:$PGPORT"
    return 0
  fi
  log "PostgreSQL is not answering on $PGHOST:$PGPORT; starting the cluster"
  local version
  # shellcheck disable=SC2012
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$version" ]] || die "no cluster under /etc/postgresql and nothing answering on $PGHOST:$PGPORT"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || warn "pg_ctlcluster $version main start returned non-zero (it may already be starting)"
  local i
  for ((i = 0; i < 60; i++)); do
    if pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
      log "PostgreSQL $version is ready"
      return 0
    fi
    sleep 1
  done
  die "PostgreSQL did not become ready within 60 s"
}

# A database name that is unique to this run: <prefix>_<UTC timestamp>_<pid>.
fresh_db_name() { printf '%s_%s_%s' "$1" "$(date -u +%Y%m%d%H%M%S)" "$$"; }

create_db() { createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$1"; }

# Drops a database, disconnecting leftover sessions (PostgreSQL 13+). Never fails.
drop_db() {
  dropdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists --force "$1" >/dev/null 2>&1 ||
    warn "could not drop database $1"
}
