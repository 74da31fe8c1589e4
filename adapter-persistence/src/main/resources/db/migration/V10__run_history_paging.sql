-- The console pages the run history newest first by (created_at, id) with a keyset cursor:
-- WHERE (created_at, id) < (:at, :id) ORDER BY created_at DESC, id DESC LIMIT n, for all tenants
-- or one. With the id in the index both read only the rows they return (a backward index scan),
-- at any depth of history; the count per status of a tenant's date range reads the tenant's
-- range of the second index. These replace V1's (created_at) and (tenant_id, created_at), whose
-- queries they serve as well. The dead-letter list skips a parked job whose run has a later job
-- of the same kind; jobs_run_kind_idx answers that per parked job instead of scanning the jobs.
-- Portable SQL: H2 2.3 (MODE=PostgreSQL) and PostgreSQL 15.
DROP INDEX sync_runs_created_idx;
CREATE INDEX sync_runs_created_idx ON sync_runs (created_at, id);
DROP INDEX sync_runs_tenant_created_idx;
CREATE INDEX sync_runs_tenant_created_idx ON sync_runs (tenant_id, created_at, id);
CREATE INDEX jobs_run_kind_idx ON jobs (sync_run_id, kind, created_at);
