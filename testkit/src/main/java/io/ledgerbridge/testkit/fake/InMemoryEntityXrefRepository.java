package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.EntityXrefRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** First xref recorded for a (tenant, type, key, kind) wins. */
public final class InMemoryEntityXrefRepository implements EntityXrefRepository {
  private final ConcurrentHashMap<List<String>, EntityXref> xrefs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<List<String>, String> digests = new ConcurrentHashMap<>();

  @Override
  public Optional<EntityXref> find(
      String tenantId, String storeEntityType, String storeEntityKey, String kind) {
    return Optional.ofNullable(xrefs.get(List.of(tenantId, storeEntityType, storeEntityKey, kind)));
  }

  @Override
  public EntityXref record(EntityXref xref) {
    List<String> key =
        List.of(xref.tenantId(), xref.storeEntityType(), xref.storeEntityKey(), xref.kind());
    EntityXref earlier = xrefs.putIfAbsent(key, xref);
    return earlier == null ? xref : earlier;
  }

  @Override
  public List<EntityXref> findAll(String tenantId, String storeEntityType, String storeEntityKey) {
    return xrefs.values().stream()
        .filter(
            x ->
                x.tenantId().equals(tenantId)
                    && x.storeEntityType().equals(storeEntityType)
                    && x.storeEntityKey().equals(storeEntityKey))
        .sorted(java.util.Comparator.comparing(EntityXref::kind))
        .toList();
  }

  @Override
  public Optional<String> sentDigest(
      String tenantId, String storeEntityType, String storeEntityKey, String kind) {
    return Optional.ofNullable(
        digests.get(List.of(tenantId, storeEntityType, storeEntityKey, kind)));
  }

  @Override
  public boolean recordSentDigest(
      String tenantId, String storeEntityType, String storeEntityKey, String kind, String digest) {
    List<String> key = List.of(tenantId, storeEntityType, storeEntityKey, kind);
    if (!xrefs.containsKey(key)) {
      return false;
    }
    digests.put(key, java.util.Objects.requireNonNull(digest, "digest"));
    return true;
  }
}
