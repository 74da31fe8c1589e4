# Shared by the yardsticks (accept-vs-pgbench.sh, drain-vs-pgbench.sh; drain-vs-h2.sh uses J, fail
# and measured only); sourced from the repository's root. Sets the jars (J, APP) and PostgreSQL's
# connection (PGHOST, PGPORT, PGUSER, PGDATABASE) from the environment or their defaults, and
# defines:
#   fail MESSAGE FILE        print MESSAGE and FILE's content, then exit 1
#   chassis_schema PREFIX    a fresh schema PREFIX_<pid> holding the chassis's tables exactly (its
#                            own migrations run when a command opens it), in $schema; a temporary
#                            directory in $work; both removed when the script exits
#   pgbench_tps LABEL SCRIPT [OPTION...]
#                            pgbench runs SCRIPT in $schema for $SECONDS_EACH s with $CLIENTS
#                            clients (and the OPTIONs); prints its tps, keeps its output in $work
#   measured VALUE...        exits 1, keeping $work, when a measurement is empty
J=${J:-bench/target/ledgerbridge-tools.jar}
APP=${APP:-app/target/ledgerbridge.jar}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGDATABASE=${PGDATABASE:-test}

fail() { echo "$1; its output: $2" >&2; cat "$2" >&2; exit 1; }

chassis_schema() {
  schema="$1_$$"
  work=$(mktemp -d)
  trap 'psql -q -X -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  psql -q -X -c "CREATE SCHEMA $schema"
  LEDGER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$schema" \
    LEDGER_DB_USER="$PGUSER" LEDGER_DATA_DIR="$work/data" LEDGER_LOG_LEVEL=WARN \
    java -jar "$APP" users list >/dev/null
}

pgbench_tps() {
  local label=$1 script=$2
  shift 2
  PGOPTIONS="-c search_path=$schema" pgbench -n "$@" -c "$CLIENTS" -j 2 -T "$SECONDS_EACH" \
    -f "$script" >"$work/pgbench-$label.txt" 2>&1 || fail "pgbench failed" "$work/pgbench-$label.txt"
  sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$work/pgbench-$label.txt" | head -1
}

measured() {
  for value in "$@"; do
    if [ -z "$value" ]; then
      echo "a measurement is missing; outputs in $work" >&2
      trap - EXIT
      exit 1
    fi
  done
}
