#!/usr/bin/env bash
# Webhook accept at saturation on PostgreSQL + Redis, measured against what the same PostgreSQL
# commits when pgbench runs the same two inserts per transaction (a sync run and its job, into the
# chassis's own tables): pgbench before, the accept run, pgbench after, and the ratio, all from one
# sitting (issue 15's yardstick). Run it on an otherwise idle machine; it takes about 2 minutes.
#   ./mvnw -B -ntp -q -DskipTests package && bash bench/accept-vs-pgbench.sh
# Environment: PGHOST, PGPORT, PGUSER, PGDATABASE (default 127.0.0.1, 5432, postgres, test),
# LEDGER_TEST_REDIS_URL (the accept run's Redis), CLIENTS (16), DURATION (20 seconds each), J and APP (the jars).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/pgbench-common.sh
CLIENTS=${CLIENTS:-16}
SECONDS_EACH=${DURATION:-20}
chassis_schema lb_pgbench

cat >"$work/two-inserts.sql" <<'SQL'
\set entity random(1, 2000000000)
BEGIN;
INSERT INTO sync_runs (id, tenant_id, event, store_entity_id, idempotency_key, status,
  policy_version, attempts, created_at, updated_at, version)
  VALUES (gen_random_uuid(), 'bench-tenant', 'invoice.created', :entity,
  'invoice.created:' || :entity || ':' || gen_random_uuid(), 'queued', 1, 0, now(), now(), 0)
  RETURNING id AS run_id \gset
INSERT INTO jobs (id, kind, sync_run_id, tenant_id, status, attempts, next_attempt_at,
  locked_until, last_error, created_at, updated_at, version)
  VALUES (gen_random_uuid(), 'sync', ':run_id'::uuid, 'bench-tenant', 'pending', 0, now(), NULL, NULL,
  now(), now(), 0);
COMMIT;
SQL

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(pgbench_tps before "$work/two-inserts.sql")
echo "pgbench two inserts, before: $before tps ($CLIENTS clients, ${SECONDS_EACH}s)"
java -jar "$J" bench accept --substrate postgres-redis --saturate --connections "$CLIENTS" \
  --duration "$SECONDS_EACH" --warmup "${WARMUP:-15}" --results "$work" >"$work/accept.txt" 2>&1 \
  || fail "the accept run failed" "$work/accept.txt"
accept=$(sed -n 's/^| throughput[^|]*| *\([0-9.]*\).*/\1/p' "$work/accept.txt" | head -1)
grep -E "^\| (throughput|accepted|errors|latency\.p(50|99)_ms)" "$work/accept.txt" || true
after=$(pgbench_tps after "$work/two-inserts.sql")
echo "pgbench two inserts, after:  $after tps"
measured "$accept" "$before" "$after"
awk -v a="$accept" -v b="$before" -v c="$after" 'BEGIN {
  m = (b + c) / 2
  printf "accept %.0f/s = %.1f%% of pgbench (mean of %.0f and %.0f tps)\n", a, 100 * a / m, b, c
}'
