-- A store re-sends the same Idempotency-Key byte-identically when it retries, and with a new body
-- (a new occurred_at) weeks later for a new change, once its outbox row was garbage-collected
-- (WIRE §5.2). Deliveries are therefore deduplicated on (tenant, key, occurred_at).
-- Rows from before this migration keep their key with occurred_at at the epoch: a retry of such a
-- delivery after the upgrade starts a second run, which the entity cross-reference keeps from
-- creating a second Sage document. Portable SQL: H2 2.3 (MODE=PostgreSQL) and PostgreSQL 15.
CREATE TABLE idempotency_keys_by_occurrence (
  tenant_id        VARCHAR(128) NOT NULL,
  idempotency_key  VARCHAR(255) NOT NULL,
  occurred_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  run_id           UUID         NOT NULL,
  created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, idempotency_key, occurred_at)
);

INSERT INTO idempotency_keys_by_occurrence
  (tenant_id, idempotency_key, occurred_at, run_id, created_at)
  SELECT tenant_id, idempotency_key, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00', run_id,
         created_at
  FROM idempotency_keys;

DROP TABLE idempotency_keys;

ALTER TABLE idempotency_keys_by_occurrence RENAME TO idempotency_keys;

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
