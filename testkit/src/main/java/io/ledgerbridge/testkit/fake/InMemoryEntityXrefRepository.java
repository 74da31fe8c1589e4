package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.EntityXrefRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** First xref recorded for a (tenant, type, key, kind) wins. */
public final class InMemoryEntityXrefRepository implements EntityXrefRepository {
  private final ConcurrentHashMap<List<String>, EntityXref> xrefs = new ConcurrentHashMap<>();

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
}
