package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.EntityXrefRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * Cross-references in {@code entity_xref}. {@link #record} inserts with ON CONFLICT DO NOTHING and
 * reads back, so a race ends with every caller holding the first row and no transaction aborted.
 */
final class JdbiEntityXrefRepository implements EntityXrefRepository {
  private final Db db;

  JdbiEntityXrefRepository(Db db) {
    this.db = db;
  }

  @Override
  public Optional<EntityXref> find(
      String tenantId, String storeEntityType, String storeEntityKey, String kind) {
    return db.call(
        "xref.find",
        h ->
            h.createQuery(
                    "SELECT tenant_id, store_entity_type, store_entity_key, kind, sage_id,"
                        + " sage_reference, created_at FROM entity_xref WHERE tenant_id = :t"
                        + " AND store_entity_type = :type AND store_entity_key = :key"
                        + " AND kind = :kind")
                .bind("t", tenantId)
                .bind("type", storeEntityType)
                .bind("key", storeEntityKey)
                .bind("kind", kind)
                .map(
                    (rs, ctx) ->
                        new EntityXref(
                            rs.getString("tenant_id"),
                            rs.getString("store_entity_type"),
                            rs.getString("store_entity_key"),
                            rs.getString("kind"),
                            rs.getString("sage_id"),
                            rs.getString("sage_reference"),
                            Db.instant(rs, "created_at")))
                .findOne());
  }

  @Override
  public EntityXref record(EntityXref x) {
    Instant created = x.createdAt() == null ? db.now() : x.createdAt();
    db.call(
        "xref.record",
        h ->
            h.createUpdate(
                    "INSERT INTO entity_xref (tenant_id, store_entity_type, store_entity_key, kind,"
                        + " sage_id, sage_reference, created_at) VALUES (:t, :type, :key, :kind,"
                        + " :sageId, :sageRef, :created) ON CONFLICT DO NOTHING")
                .bind("t", x.tenantId())
                .bind("type", x.storeEntityType())
                .bind("key", x.storeEntityKey())
                .bind("kind", x.kind())
                .bind("sageId", x.sageId())
                .bindByType("sageRef", x.sageReference(), String.class)
                .bindByType("created", created, Instant.class)
                .execute());
    return find(x.tenantId(), x.storeEntityType(), x.storeEntityKey(), x.kind())
        .orElseThrow(() -> new IllegalStateException("xref vanished after insert"));
  }
}
