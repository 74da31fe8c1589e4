package io.ledgerbridge.ports.out;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Store entity to Sage entity cross-references. The second line of defence against duplicates:
 * never a second Sage entity for one (store entity, kind).
 */
public interface EntityXrefRepository {

  Optional<EntityXref> find(
      String tenantId, String storeEntityType, String storeEntityKey, String kind);

  /** Records the xref unless one exists for the same key; returns the stored one either way. */
  EntityXref record(EntityXref xref);

  /** Every xref of one store entity (e.g. a customer's contacts, one per currency), by kind. */
  List<EntityXref> findAll(String tenantId, String storeEntityType, String storeEntityKey);

  /**
   * Every xref of several store entities of one type, in one look-up and in no promised order
   * (callers group them by key). A key named twice is read once. The default asks {@link #findAll}
   * key by key; a database adapter answers with one statement.
   */
  default List<EntityXref> findAllOf(
      String tenantId, String storeEntityType, Collection<String> storeEntityKeys) {
    List<EntityXref> all = new ArrayList<>();
    for (String key : new TreeSet<>(storeEntityKeys)) {
      all.addAll(findAll(tenantId, storeEntityType, key));
    }
    return all;
  }

  /**
   * Every xref of several store entities, of one type or several, in one look-up and in no promised
   * order (callers pick what they need by type, key and kind). An entity named twice is read once.
   * The default asks {@link #findAllOf} type by type; a database adapter answers with one
   * statement.
   */
  default List<EntityXref> findAllOfEach(String tenantId, Collection<StoreEntity> entities) {
    Map<String, Set<String>> keysByType = new TreeMap<>();
    for (StoreEntity e : entities) {
      keysByType.computeIfAbsent(e.storeEntityType(), t -> new TreeSet<>()).add(e.storeEntityKey());
    }
    List<EntityXref> all = new ArrayList<>();
    keysByType.forEach((type, keys) -> all.addAll(findAllOf(tenantId, type, keys)));
    return all;
  }

  /**
   * The digest of what was last sent to Sage for this xref's entity (e.g. a contact's update), so
   * an unchanged entity is not sent again; empty when none was recorded (or no such xref).
   */
  Optional<String> sentDigest(
      String tenantId, String storeEntityType, String storeEntityKey, String kind);

  /** Records {@code digest} as what was last sent for an existing xref; false if there is none. */
  boolean recordSentDigest(
      String tenantId, String storeEntityType, String storeEntityKey, String kind, String digest);

  /** One store entity, as cross-references name it: its type and key, without a kind. */
  record StoreEntity(String storeEntityType, String storeEntityKey) {
    public StoreEntity {
      Objects.requireNonNull(storeEntityType, "storeEntityType");
      Objects.requireNonNull(storeEntityKey, "storeEntityKey");
    }
  }

  /**
   * @param storeEntityType {@code invoice}, {@code customer}
   * @param storeEntityKey the store id as text ({@code 42}) or a customer key ({@code M5}, {@code
   *     G1a2b3c4d5})
   * @param kind {@code sales_invoice}, {@code contact:GBP}
   */
  record EntityXref(
      String tenantId,
      String storeEntityType,
      String storeEntityKey,
      String kind,
      String sageId,
      String sageReference,
      Instant createdAt) {}
}
