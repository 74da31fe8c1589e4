package io.ledgerbridge.adapter.persistence;

import static java.time.temporal.ChronoUnit.MICROS;

import io.ledgerbridge.ports.out.EntityXrefRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-references in {@code entity_xref}. {@link #record} inserts with ON CONFLICT DO NOTHING and
 * reads back, so a race ends with every caller holding the first row and no transaction aborted.
 */
final class JdbiEntityXrefRepository implements EntityXrefRepository {
  private final Db db;

  JdbiEntityXrefRepository(Db db) {
    this.db = db;
  }

  private static final String COLUMNS =
      "tenant_id, store_entity_type, store_entity_key, kind, sage_id, sage_reference, created_at";

  @Override
  public Optional<EntityXref> find(
      String tenantId, String storeEntityType, String storeEntityKey, String kind) {
    return db.call(
        "xref.find",
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM entity_xref WHERE tenant_id = :t"
                        + " AND store_entity_type = :type AND store_entity_key = :key"
                        + " AND kind = :kind")
                .bind("t", tenantId)
                .bind("type", storeEntityType)
                .bind("key", storeEntityKey)
                .bind("kind", kind)
                .map((rs, ctx) -> xref(rs))
                .findOne());
  }

  @Override
  public List<EntityXref> findAll(String tenantId, String storeEntityType, String storeEntityKey) {
    return db.call(
        "xref.find_all",
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM entity_xref WHERE tenant_id = :t"
                        + " AND store_entity_type = :type AND store_entity_key = :key"
                        + " ORDER BY kind")
                .bind("t", tenantId)
                .bind("type", storeEntityType)
                .bind("key", storeEntityKey)
                .map((rs, ctx) -> xref(rs))
                .list());
  }

  @Override
  public List<EntityXref> findAllOf(
      String tenantId, String storeEntityType, Collection<String> storeEntityKeys) {
    List<StoreEntity> entities = new ArrayList<>(storeEntityKeys.size());
    for (String key : storeEntityKeys) {
      entities.add(new StoreEntity(storeEntityType, key));
    }
    return findAllOfEach(tenantId, entities);
  }

  /**
   * The entities as two arrays (types, keys) unnested into rows and joined on the key's index: one
   * statement text for any number of entities, and an index look-up per entity on both databases.
   * (With {@code store_entity_key = ANY(?)} H2 used the index for the tenant and type only, and
   * read every cross-reference of the type, a number that grows with the store.)
   */
  static final String FIND_ALL_OF_EACH =
      "SELECT "
          + COLUMNS.replaceAll("(^|, )", "$1x.")
          + " FROM UNNEST(:types, :keys) AS w(t, k) JOIN entity_xref x ON x.tenant_id = :tenant"
          + " AND x.store_entity_type = w.t AND x.store_entity_key = w.k";

  @Override
  public List<EntityXref> findAllOfEach(String tenantId, Collection<StoreEntity> entities) {
    Set<StoreEntity> wanted = new LinkedHashSet<>(entities); // an entity named twice, read once
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<String> types = new ArrayList<>(wanted.size());
    List<String> keys = new ArrayList<>(wanted.size());
    for (StoreEntity e : wanted) {
      types.add(e.storeEntityType());
      keys.add(e.storeEntityKey());
    }
    return db.call(
        "xref.find_all_of_each",
        h ->
            h.createQuery(FIND_ALL_OF_EACH)
                .bind("tenant", tenantId)
                .bind("types", Db.array("varchar", types))
                .bind("keys", Db.array("varchar", keys))
                .map((rs, ctx) -> xref(rs))
                .list());
  }

  @Override
  public Optional<String> sentDigest(
      String tenantId, String storeEntityType, String storeEntityKey, String kind) {
    return db.call(
        "xref.sent_digest",
        h ->
            h.createQuery(
                    "SELECT sent_digest FROM entity_xref WHERE tenant_id = :t"
                        + " AND store_entity_type = :type AND store_entity_key = :key"
                        + " AND kind = :kind AND sent_digest IS NOT NULL")
                .bind("t", tenantId)
                .bind("type", storeEntityType)
                .bind("key", storeEntityKey)
                .bind("kind", kind)
                .mapTo(String.class)
                .findOne());
  }

  @Override
  public boolean recordSentDigest(
      String tenantId, String storeEntityType, String storeEntityKey, String kind, String digest) {
    java.util.Objects.requireNonNull(digest, "digest");
    return db.call(
            "xref.record_sent_digest",
            h ->
                h.createUpdate(
                        "UPDATE entity_xref SET sent_digest = :digest WHERE tenant_id = :t"
                            + " AND store_entity_type = :type AND store_entity_key = :key"
                            + " AND kind = :kind")
                    .bind("digest", digest)
                    .bind("t", tenantId)
                    .bind("type", storeEntityType)
                    .bind("key", storeEntityKey)
                    .bind("kind", kind)
                    .execute())
        > 0;
  }

  private static EntityXref xref(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new EntityXref(
        rs.getString("tenant_id"),
        rs.getString("store_entity_type"),
        rs.getString("store_entity_key"),
        rs.getString("kind"),
        rs.getString("sage_id"),
        rs.getString("sage_reference"),
        Db.instant(rs, "created_at"));
  }

  @Override
  public EntityXref record(EntityXref x) {
    // as stored: the column keeps microseconds
    Instant created = (x.createdAt() == null ? db.now() : x.createdAt()).truncatedTo(MICROS);
    int inserted =
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
    if (inserted == 1) {
      // ours is the row: no need to read it back
      return new EntityXref(
          x.tenantId(),
          x.storeEntityType(),
          x.storeEntityKey(),
          x.kind(),
          x.sageId(),
          x.sageReference(),
          created);
    }
    return find(x.tenantId(), x.storeEntityType(), x.storeEntityKey(), x.kind())
        .orElseThrow(() -> new IllegalStateException("xref vanished after insert"));
  }
}
