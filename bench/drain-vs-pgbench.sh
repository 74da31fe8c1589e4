#!/usr/bin/env bash
# The backlog drain on PostgreSQL + Redis, measured against what the same PostgreSQL does when
# pgbench issues the database work of a drained run itself, with no application in between: the
# statements the chassis sends per run (as a statement log of the drain counts them), against the
# chassis's own tables, each auto-committed as the chassis sends them, with the run's end in one
# transaction. pgbench before, the drain, pgbench after, and the ratio in jobs/s (a run is two jobs:
# its sync and its status push), all from one sitting. This is the ceiling the drain's data model
# allows on this machine; the relay, Redis and the chassis's own CPU come on top of it.
#   ./mvnw -B -ntp -q -DskipTests package && bash bench/drain-vs-pgbench.sh
# Environment: PGHOST, PGPORT, PGUSER, PGDATABASE (default 127.0.0.1, 5432, postgres, test),
# LEDGER_TEST_REDIS_URL (the drain's Redis), CLIENTS (4, the drain's workers), DURATION (20
# seconds each), JOBS (20000 webhooks for the drain), SUBSTRATE (postgres-redis), MODEL (current;
# see below), J and APP (the jars). About 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/pgbench-common.sh
CLIENTS=${CLIENTS:-4}
SECONDS_EACH=${DURATION:-20}
JOBS=${JOBS:-20000}
SUBSTRATE=${SUBSTRATE:-postgres-redis}
RUNS=200000
chassis_schema lb_drainbench

# RUNS queued runs with their sync jobs (enough that a run is rarely picked twice, as a drain
# touches each run once), spread over 64 tenants as the backlog bench spreads them;
# each tenant's customer and its five products already have their Sage ids, as in the drain
psql -q -X -v ON_ERROR_STOP=1 -c "SET search_path = $schema" -c "
INSERT INTO sync_runs (id, tenant_id, event, store_entity_id, idempotency_key, status,
  policy_version, attempts, created_at, updated_at, version)
  SELECT md5('run' || k)::uuid, 'bench-tenant-' || (k % 64), 'invoice.created', k,
    'invoice.created:' || k, 'queued', 1, 0, now(), now(), 0
  FROM generate_series(1, $RUNS) k;
INSERT INTO jobs (id, kind, sync_run_id, tenant_id, status, attempts, next_attempt_at,
  locked_until, last_error, created_at, updated_at, version)
  SELECT md5('job' || k)::uuid, 'sync', md5('run' || k)::uuid, 'bench-tenant-' || (k % 64),
    'pending', 0, now(), NULL, NULL, now(), now(), 0
  FROM generate_series(1, $RUNS) k;
INSERT INTO entity_xref (tenant_id, store_entity_type, store_entity_key, kind, sage_id,
  sage_reference, created_at)
  SELECT 'bench-tenant-' || t, 'customer', 'M7', 'contact:GBP', md5('contact' || t), 'C-' || t, now()
  FROM generate_series(0, 63) t;
INSERT INTO entity_xref (tenant_id, store_entity_type, store_entity_key, kind, sage_id,
  sage_reference, created_at)
  SELECT 'bench-tenant-' || t, 'product_sku', 'SKU-' || s, 'product', md5('p' || t || s), NULL, now()
  FROM generate_series(0, 63) t, generate_series(1, 5) s;
ANALYZE;" >/dev/null

body=$(printf '%s' '{"sales_invoice":{"contact_id":"3c9600664b174815a4eaafc5c31edd01","date":"2026-04-29","reference":"000000002","currency_id":"GBP","main_address":{"address_line_1":"10 Downing Street","city":"London","postal_code":"SW1A 2AA","region":"Greater London","country_id":"GB"},"delivery_address":{"address_line_1":"10 Downing Street","city":"London","postal_code":"SW1A 2AA","region":"Greater London","country_id":"GB"},"shipping_net_amount":"4.95","shipping_tax_rate_id":"GB_STANDARD","shipping_tax_amount":"0.99","idempotency_id":"00c56fc009a1610a1f77cce876cf5c54","invoice_lines":[{"description":"Chaz Kangeroo Hoodie","ledger_account_id":"9a994b92267a11e797950a57719b2edb","quantity":"1","unit_price":"52.00","discount_amount":"0.00","tax_rate_id":"GB_STANDARD","tax_amount":"10.40"},{"description":"Child Car Seat","ledger_account_id":"9a994b92267a11e797950a57719b2edb","quantity":"1","unit_price":"80.00","discount_amount":"0.00","tax_rate_id":"GB_LOWER","tax_amount":"4.00"},{"description":"Yoga for Beginners (book)","ledger_account_id":"9a994b92267a11e797950a57719b2edb","quantity":"2","unit_price":"12.99","discount_amount":"0.00","tax_rate_id":"GB_ZERO","tax_amount":"0.00"},{"description":"Proteus Fitness Jackshirt","ledger_account_id":"9a994b92267a11e797950a57719b2edb","quantity":"3","unit_price":"15.00","discount_amount":"0.00","tax_rate_id":"GB_STANDARD","tax_amount":"9.00"},{"description":"Water Bottle","ledger_account_id":"9a994b92267a11e797950a57719b2edb","quantity":"1","unit_price":"7.50","discount_amount":"0.00","tax_rate_id":"GB_STANDARD","tax_amount":"1.50"}]}}')

# One drained run: the statements the chassis sends for it, in its order (a statement log of a
# 1,000-run drain counted them; a statement per group of jobs is left out). Rows are picked at
# random among RUNS, so updates rewrite real
# rows; the relay's and the claim's statements are left out (on PostgreSQL + Redis the claim is
# in Redis), which makes this a ceiling, not a copy.
#
# MODEL=lean and MODEL=set16 measure data models the chassis does not have, to say what a redesign
# could reach here (pgbench only, no drain):
# - lean: the start folded into the load (one UPDATE ... RETURNING), the cross-references read in
#   one statement, the end written in one transaction with the invoice's cross-reference, and the
#   status push kept on the run (no push job: one read of the entity's runs, nothing to complete);
# - set16: the lean model, 16 runs per statement (start, reads and end each set-based).
RUNS_PER_TRANSACTION=1
case "${MODEL:-current}" in
current)
  cat >"$work/one-run.sql" <<SQL
\set k random(1, $RUNS)
\set t :k % 64
-- the worker loads the run, starts it
SELECT id, tenant_id, event, store_entity_id, idempotency_key, status, policy_version, attempts, sage_entity_id, sage_reference, error_code, error_message, skip_reason, created_at, updated_at, version FROM sync_runs WHERE id = md5('run' || :k)::uuid;
UPDATE sync_runs SET status = 'running', attempts = attempts + 1, updated_at = now(), version = version + 1 WHERE id = md5('run' || :k)::uuid;
-- the cross-references the invoice handler reads (the contact, the SKUs, the invoice) in one look-up
SELECT x.tenant_id, x.store_entity_type, x.store_entity_key, x.kind, x.sage_id, x.sage_reference, x.created_at FROM UNNEST(ARRAY['customer', 'product_sku', 'product_sku', 'product_sku', 'product_sku', 'product_sku', 'invoice']::varchar[], ARRAY['M7', 'SKU-1', 'SKU-2', 'SKU-3', 'SKU-4', 'SKU-5', 'I' || :k]::varchar[]) AS w(t, k) JOIN entity_xref x ON x.tenant_id = 'bench-tenant-' || :t AND x.store_entity_type = w.t AND x.store_entity_key = w.k;
INSERT INTO entity_xref (tenant_id, store_entity_type, store_entity_key, kind, sage_id, sage_reference, created_at) VALUES ('bench-tenant-' || :t, 'invoice', 'I' || :k || '-' || gen_random_uuid(), 'sales_invoice', md5(random()::text), 'SI-' || :k, now()) ON CONFLICT DO NOTHING;
-- the end of the run: its state, its attempt, its sync job completed, its push job, in one transaction
BEGIN;
UPDATE sync_runs SET status = 'succeeded', sage_entity_id = md5(:k::text), sage_reference = 'SI-' || :k, updated_at = now(), version = version + 1 WHERE id = md5('run' || :k)::uuid;
INSERT INTO sync_attempts (run_id, attempt_no, started_at, finished_at, outcome, error_code, http_status, message, request_body, response_body) VALUES (md5('run' || :k)::uuid, 1, now(), now(), 'ok', NULL, NULL, 'created SI-' || :k, '$body', NULL);
UPDATE jobs SET status = 'succeeded', locked_until = NULL, updated_at = now(), version = version + 1 WHERE id = md5('job' || :k)::uuid;
INSERT INTO jobs (id, kind, sync_run_id, tenant_id, status, attempts, next_attempt_at, locked_until, last_error, created_at, updated_at, version) VALUES (gen_random_uuid(), 'push', md5('run' || :k)::uuid, 'bench-tenant-' || :t, 'pending', 0, now(), NULL, NULL, now(), now(), 0) RETURNING id AS push_id \gset
COMMIT;
-- the push: the runs of its entity, the push job completed (the push reads its run with the other
-- runs of its group of push jobs, one statement per group, left out here)
SELECT id, tenant_id, event, store_entity_id, idempotency_key, status, policy_version, attempts, sage_entity_id, sage_reference, error_code, error_message, skip_reason, created_at, updated_at, version FROM sync_runs WHERE tenant_id = 'bench-tenant-' || :t AND store_entity_id = :k AND event IN ('invoice.created', 'invoice.reconciled');
UPDATE jobs SET status = 'succeeded', locked_until = NULL, updated_at = now(), version = version + 1 WHERE id = ANY(ARRAY[:push_id::uuid]) AND status = 'pending';
SQL
  ;;
lean)
  cat >"$work/one-run.sql" <<SQL
\set k random(1, $RUNS)
\set t :k % 64
UPDATE sync_runs SET status = 'running', attempts = attempts + 1, updated_at = now(), version = version + 1 WHERE id = md5('run' || :k)::uuid RETURNING id, tenant_id, event, store_entity_id, idempotency_key, status, policy_version, attempts, sage_entity_id, sage_reference, error_code, error_message, skip_reason, created_at, updated_at, version;
SELECT tenant_id, store_entity_type, store_entity_key, kind, sage_id, sage_reference, created_at FROM entity_xref WHERE tenant_id = 'bench-tenant-' || :t AND ((store_entity_type = 'customer' AND store_entity_key = 'M7') OR (store_entity_type = 'product_sku' AND store_entity_key = ANY(ARRAY['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4', 'SKU-5'])) OR (store_entity_type = 'invoice' AND store_entity_key = 'I' || :k));
BEGIN;
INSERT INTO entity_xref (tenant_id, store_entity_type, store_entity_key, kind, sage_id, sage_reference, created_at) VALUES ('bench-tenant-' || :t, 'invoice', 'I' || :k || '-' || gen_random_uuid(), 'sales_invoice', md5(random()::text), 'SI-' || :k, now()) ON CONFLICT DO NOTHING;
UPDATE sync_runs SET status = 'succeeded', sage_entity_id = md5(:k::text), sage_reference = 'SI-' || :k, updated_at = now(), version = version + 1 WHERE id = md5('run' || :k)::uuid;
INSERT INTO sync_attempts (run_id, attempt_no, started_at, finished_at, outcome, error_code, http_status, message, request_body, response_body) VALUES (md5('run' || :k)::uuid, 1, now(), now(), 'ok', NULL, NULL, 'created SI-' || :k, '$body', NULL);
UPDATE jobs SET status = 'succeeded', locked_until = NULL, updated_at = now(), version = version + 1 WHERE id = md5('job' || :k)::uuid;
COMMIT;
SELECT id, tenant_id, event, store_entity_id, idempotency_key, status, policy_version, attempts, sage_entity_id, sage_reference, error_code, error_message, skip_reason, created_at, updated_at, version FROM sync_runs WHERE tenant_id = 'bench-tenant-' || :t AND store_entity_id = :k AND event IN ('invoice.created', 'invoice.reconciled');
SQL
  ;;
set16)
  RUNS_PER_TRANSACTION=16
  cat >"$work/one-run.sql" <<SQL
\set k random(1, $RUNS - 16)
\set t :k % 64
BEGIN;
UPDATE sync_runs SET status = 'running', attempts = attempts + 1, updated_at = now(), version = version + 1 WHERE id IN (SELECT md5('run' || g)::uuid FROM generate_series(:k, :k + 15) g) RETURNING id, tenant_id, event, store_entity_id, idempotency_key, status, policy_version, attempts, sage_entity_id, sage_reference, error_code, error_message, skip_reason, created_at, updated_at, version;
COMMIT;
SELECT tenant_id, store_entity_type, store_entity_key, kind, sage_id, sage_reference, created_at FROM entity_xref WHERE tenant_id = ANY(SELECT 'bench-tenant-' || (g % 64) FROM generate_series(:k, :k + 15) g) AND ((store_entity_type = 'customer' AND store_entity_key = 'M7') OR (store_entity_type = 'product_sku' AND store_entity_key = ANY(ARRAY['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4', 'SKU-5'])) OR (store_entity_type = 'invoice' AND store_entity_key = ANY(SELECT 'I' || g FROM generate_series(:k, :k + 15) g)));
BEGIN;
INSERT INTO entity_xref (tenant_id, store_entity_type, store_entity_key, kind, sage_id, sage_reference, created_at) SELECT 'bench-tenant-' || (g % 64), 'invoice', 'I' || g || '-' || gen_random_uuid(), 'sales_invoice', md5(random()::text), 'SI-' || g, now() FROM generate_series(:k, :k + 15) g ON CONFLICT DO NOTHING;
UPDATE sync_runs SET status = 'succeeded', sage_entity_id = md5(store_entity_id::text), sage_reference = 'SI-' || store_entity_id, updated_at = now(), version = version + 1 WHERE id IN (SELECT md5('run' || g)::uuid FROM generate_series(:k, :k + 15) g);
INSERT INTO sync_attempts (run_id, attempt_no, started_at, finished_at, outcome, error_code, http_status, message, request_body, response_body) SELECT md5('run' || g)::uuid, 1, now(), now(), 'ok', NULL, NULL, 'created SI-' || g, '$body', NULL FROM generate_series(:k, :k + 15) g;
UPDATE jobs SET status = 'succeeded', locked_until = NULL, updated_at = now(), version = version + 1 WHERE id IN (SELECT md5('job' || g)::uuid FROM generate_series(:k, :k + 15) g);
COMMIT;
SELECT id, tenant_id, event, store_entity_id, idempotency_key, status, policy_version, attempts, sage_entity_id, sage_reference, error_code, error_message, skip_reason, created_at, updated_at, version FROM sync_runs WHERE (tenant_id, store_entity_id) IN (SELECT 'bench-tenant-' || (g % 64), g FROM generate_series(:k, :k + 15) g) AND event IN ('invoice.created', 'invoice.reconciled');
SQL
  ;;
*)
  echo "MODEL is current, lean or set16" >&2
  exit 2
  ;;
esac

# runs/s: pgbench's tps times the runs each of its transactions drains
runs_per_s() {
  pgbench_tps "$1" "$work/one-run.sql" -M prepared \
    | awk -v n="$RUNS_PER_TRANSACTION" '{ printf "%.1f\n", $1 * n }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(runs_per_s before)
echo "pgbench, model ${MODEL:-current}, before: $before runs/s ($CLIENTS clients, ${SECONDS_EACH}s)"
if [ "${MODEL:-current}" != current ]; then
  after=$(runs_per_s after)
  echo "pgbench, model $MODEL, after:  $after runs/s"
  awk -v b="$before" -v c="$after" 'BEGIN {
    printf "model %s: %.0f jobs/s (the mean of %.0f and %.0f runs/s, two jobs each)\n", ENVIRON["MODEL"], b + c, b, c
  }'
  exit 0
fi
java -jar "$J" bench backlog --substrate "$SUBSTRATE" --jobs "$JOBS" --workers "$CLIENTS" \
  --results "$work" >"$work/drain.txt" 2>&1 || fail "the drain failed" "$work/drain.txt"
drain=$(sed -n 's/^| drain\.jobs_per_s | *\([0-9.]*\).*/\1/p' "$work/drain.txt" | head -1)
grep -E "^\| drain\.(runs_completed|seconds|jobs_per_s|process\.cpu_seconds) " "$work/drain.txt" || true
after=$(runs_per_s after)
echo "pgbench, model current, after:  $after runs/s"
measured "$drain" "$before" "$after"
awk -v d="$drain" -v b="$before" -v c="$after" 'BEGIN {
  m = (b + c) / 2
  printf "drain %.0f jobs/s = %.1f%% of pgbench (%.0f jobs/s: the mean of %.0f and %.0f runs/s, two jobs each)\n", d, 100 * d / (2 * m), 2 * m, b, c
}'
