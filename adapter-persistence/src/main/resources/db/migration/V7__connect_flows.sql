-- Connect flows (pairing, Sage OAuth, disconnect). Portable SQL: H2 2.3 (MODE=PostgreSQL) and
-- PostgreSQL 15.
--
-- A binding paired with its store has no Sage business yet (status pending_sage), and no OAuth
-- client until it is connected to Sage.
ALTER TABLE bindings ALTER COLUMN sage_business_id DROP NOT NULL;
ALTER TABLE bindings ALTER COLUMN business_country DROP NOT NULL;
ALTER TABLE bindings ALTER COLUMN base_currency DROP NOT NULL;
-- When the status last changed: the run history of a binding disconnected for 90 days is purged.
ALTER TABLE bindings ADD COLUMN status_changed_at TIMESTAMP(6) WITH TIME ZONE;
UPDATE bindings SET status_changed_at = created_at;
ALTER TABLE bindings ALTER COLUMN status_changed_at SET NOT NULL;

ALTER TABLE binding_secrets ALTER COLUMN sage_client_id_enc DROP NOT NULL;
ALTER TABLE binding_secrets ALTER COLUMN sage_client_secret_enc DROP NOT NULL;
-- A key offered to the store by a re-pair, accepted on webhooks until the store confirms it.
ALTER TABLE binding_secrets ADD COLUMN next_api_key_enc VARCHAR(8192);

-- One refresh of a binding's Sage tokens at a time, across processes: the holder and until when.
ALTER TABLE sage_tokens ADD COLUMN refresh_holder VARCHAR(64);
ALTER TABLE sage_tokens ADD COLUMN refresh_held_until TIMESTAMP(6) WITH TIME ZONE;
