-- Relay bookkeeping for a separate job transport (Redis Streams) and per-business leases. Portable
-- SQL like V1/V2: H2 2.3 (MODE=PostgreSQL) and PostgreSQL 15.

-- When the relay last handed the job to the transport; NULL = not published (yet, or again).
ALTER TABLE jobs ADD COLUMN published_at TIMESTAMP(6) WITH TIME ZONE;

-- Serves both relay queries: "pending, unpublished (published_at IS NULL), due (next_attempt_at
-- <= now) oldest first" and "pending, published_at < bound". Succeeded rows sort under their own
-- status, so the relay never walks them.
CREATE INDEX jobs_relay_idx ON jobs (status, published_at, next_attempt_at);

-- Housekeeping deletes old keys in small batches by creation time.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- One row per Sage business while (or since) someone held its lease. A holder owns it while
-- expires_at is in the future and proves it with its random token.
CREATE TABLE business_leases (
  business_id  VARCHAR(64) NOT NULL PRIMARY KEY,
  token        VARCHAR(64) NOT NULL,
  expires_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
