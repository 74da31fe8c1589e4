-- What was last sent to Sage for a cross-referenced entity (a contact's update, a product's), as a
-- SHA-256 hex digest: an unchanged entity is not sent again.
ALTER TABLE entity_xref ADD COLUMN sent_digest VARCHAR(64);
