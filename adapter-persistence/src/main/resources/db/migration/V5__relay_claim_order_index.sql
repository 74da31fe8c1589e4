-- The relay publishes "pending, unpublished, due, oldest first": ORDER BY status, published_at,
-- next_attempt_at, created_at, id. The V3 index stopped at next_attempt_at, so every relay batch
-- read and sorted every unpublished job (with a 100,000-job backlog PostgreSQL spent its CPU
-- there). With the whole sort key in the index, a batch reads only the rows it publishes.
-- Portable SQL: H2 2.3 (MODE=PostgreSQL) and PostgreSQL 15.
DROP INDEX jobs_relay_idx;
CREATE INDEX jobs_relay_idx ON jobs (status, published_at, next_attempt_at, created_at, id);
