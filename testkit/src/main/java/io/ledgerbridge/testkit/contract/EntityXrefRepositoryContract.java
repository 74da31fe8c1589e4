package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.EntityXrefRepository.StoreEntity;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EntityXrefRepository} must do. */
public abstract class EntityXrefRepositoryContract {
  protected final MutableClock clock = MutableClock.standard();
  private EntityXrefRepository repo;

  protected abstract EntityXrefRepository createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    repo = createSubject(clock);
  }

  private EntityXref xref(String key, String kind, String sageId) {
    return new EntityXref("t-1", "customer", key, kind, sageId, "REF-" + sageId, clock.instant());
  }

  @Test
  void recordsAndFindsAnXrefExactly() {
    EntityXref x = xref("M5", "contact:GBP", "aaa");

    assertThat(repo.record(x)).isEqualTo(x);
    assertThat(repo.find("t-1", "customer", "M5", "contact:GBP")).contains(x);
  }

  @Test
  void keepsTheFirstXrefForAKey() {
    EntityXref first = xref("M5", "contact:GBP", "aaa");
    repo.record(first);
    clock.advance(Duration.ofMinutes(1));

    assertThat(repo.record(xref("M5", "contact:GBP", "bbb"))).isEqualTo(first);
    assertThat(repo.find("t-1", "customer", "M5", "contact:GBP")).contains(first);
  }

  @Test
  void kindTypeAndTenantArePartOfTheKey() {
    repo.record(xref("M5", "contact:GBP", "aaa"));
    EntityXref eur = xref("M5", "contact:EUR", "bbb");
    EntityXref invoice =
        new EntityXref("t-1", "invoice", "M5", "contact:GBP", "ccc", null, clock.instant());
    EntityXref otherTenant =
        new EntityXref("t-2", "customer", "M5", "contact:GBP", "ddd", null, clock.instant());

    assertThat(repo.record(eur)).isEqualTo(eur);
    assertThat(repo.record(invoice)).isEqualTo(invoice);
    assertThat(repo.record(otherTenant)).isEqualTo(otherTenant);
    assertThat(repo.find("t-1", "customer", "M5", "contact:USD")).isEmpty();
  }

  @Test
  void concurrentRecordsForOneKeyAllReturnTheSameXref() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<EntityXref>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        EntityXref mine = xref("G1a2b", "contact:GBP", "id-" + i);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return repo.record(mine);
                }));
      }
      start.countDown();
      Set<EntityXref> stored = new HashSet<>();
      for (Future<EntityXref> f : results) {
        stored.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(stored).hasSize(1);
      assertThat(repo.find("t-1", "customer", "G1a2b", "contact:GBP"))
          .contains(stored.iterator().next());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void findsEveryXrefOfOneStoreEntityByKind() {
    EntityXref gbp = xref("M5", "contact:GBP", "aaa");
    EntityXref chf = xref("M5", "contact:CHF", "ccc");
    EntityXref eur = xref("M5", "contact:EUR", "bbb");
    repo.record(gbp);
    repo.record(chf);
    repo.record(eur);
    repo.record(xref("M6", "contact:GBP", "ddd"));

    assertThat(repo.findAll("t-1", "customer", "M5")).containsExactly(chf, eur, gbp);
    assertThat(repo.findAll("t-1", "customer", "M7")).isEmpty();
    assertThat(repo.findAll("t-2", "customer", "M5")).isEmpty();
  }

  @Test
  void answersARecordWithTheXrefAsStored() {
    EntityXref x =
        new EntityXref(
            "t-1",
            "invoice",
            "42",
            "sales_invoice",
            "aaa",
            null,
            java.time.Instant.parse("2026-12-01T10:00:00.123456789Z"));

    EntityXref recorded = repo.record(x);

    assertThat(recorded)
        .isEqualTo(repo.find("t-1", "invoice", "42", "sales_invoice").orElseThrow());
    assertThat(repo.record(x)).isEqualTo(recorded);
  }

  @Test
  void findsEveryXrefOfSeveralStoreEntitiesInOneLookUp() {
    EntityXref m5gbp = xref("M5", "contact:GBP", "aaa");
    EntityXref m5eur = xref("M5", "contact:EUR", "bbb");
    EntityXref m6 = xref("M6", "contact:GBP", "ccc");
    EntityXref quoted = xref("it's, \"quoted\"", "contact:GBP", "ddd");
    repo.record(m5gbp);
    repo.record(m5eur);
    repo.record(m6);
    repo.record(quoted);
    repo.record(xref("M7", "contact:GBP", "eee"));
    repo.record(
        new EntityXref("t-2", "customer", "M5", "contact:GBP", "fff", "R", clock.instant()));
    repo.record(
        new EntityXref("t-1", "invoice", "M5", "sales_invoice", "ggg", "R", clock.instant()));

    assertThat(
            repo.findAllOf("t-1", "customer", List.of("M6", "M5", "M5", "M8", "it's, \"quoted\"")))
        .containsExactlyInAnyOrder(m5gbp, m5eur, m6, quoted);
    assertThat(repo.findAllOf("t-1", "customer", List.of("M8"))).isEmpty();
    assertThat(repo.findAllOf("t-1", "customer", List.of())).isEmpty();
  }

  @Test
  void findsEveryXrefOfStoreEntitiesOfSeveralTypesInOneLookUp() {
    EntityXref m5gbp = xref("M5", "contact:GBP", "aaa");
    EntityXref m5eur = xref("M5", "contact:EUR", "bbb");
    EntityXref sku =
        new EntityXref("t-1", "product_sku", "SKU-1", "product", "p1", null, clock.instant());
    EntityXref quoted =
        new EntityXref(
            "t-1", "product_sku", "it's, \"quoted\"", "service", "s1", null, clock.instant());
    EntityXref invoice =
        new EntityXref("t-1", "invoice", "42", "sales_invoice", "i42", "SI", clock.instant());
    for (EntityXref x : List.of(m5gbp, m5eur, sku, quoted, invoice)) {
      repo.record(x);
    }
    // every type with every key, but not asked for together: a customer keyed like the SKU, an
    // invoice keyed like the customer, a SKU keyed like the invoice
    repo.record(
        new EntityXref("t-1", "customer", "SKU-1", "contact:GBP", "x1", "R", clock.instant()));
    repo.record(
        new EntityXref("t-1", "invoice", "M5", "sales_invoice", "x2", "R", clock.instant()));
    repo.record(new EntityXref("t-1", "product_sku", "42", "product", "x3", null, clock.instant()));
    // another tenant's, and another key of an asked type
    repo.record(
        new EntityXref("t-2", "invoice", "42", "sales_invoice", "x4", "R", clock.instant()));
    repo.record(
        new EntityXref("t-1", "invoice", "43", "sales_invoice", "x5", "R", clock.instant()));

    assertThat(
            repo.findAllOfEach(
                "t-1",
                List.of(
                    new StoreEntity("customer", "M5"),
                    new StoreEntity("product_sku", "SKU-1"),
                    new StoreEntity("product_sku", "it's, \"quoted\""),
                    new StoreEntity("product_sku", "SKU-1"),
                    new StoreEntity("product_sku", "SKU-404"),
                    new StoreEntity("invoice", "42"))))
        .containsExactlyInAnyOrder(m5gbp, m5eur, sku, quoted, invoice);
    assertThat(repo.findAllOfEach("t-1", List.of(new StoreEntity("customer", "M404")))).isEmpty();
    assertThat(repo.findAllOfEach("t-1", List.of())).isEmpty();
  }

  @Test
  void remembersWhatWasLastSentForAnXrefOnly() {
    repo.record(xref("M5", "contact:GBP", "aaa"));
    assertThat(repo.sentDigest("t-1", "customer", "M5", "contact:GBP")).isEmpty();

    assertThat(repo.recordSentDigest("t-1", "customer", "M5", "contact:GBP", "d1")).isTrue();
    assertThat(repo.recordSentDigest("t-1", "customer", "M5", "contact:GBP", "d2")).isTrue();
    assertThat(repo.recordSentDigest("t-1", "customer", "M5", "contact:EUR", "d3")).isFalse();

    assertThat(repo.sentDigest("t-1", "customer", "M5", "contact:GBP")).contains("d2");
    assertThat(repo.sentDigest("t-1", "customer", "M5", "contact:EUR")).isEmpty();
    // the xref itself is unchanged, and recording it again keeps the digest
    repo.record(xref("M5", "contact:GBP", "zzz"));
    assertThat(repo.find("t-1", "customer", "M5", "contact:GBP").orElseThrow().sageId())
        .isEqualTo("aaa");
    assertThat(repo.sentDigest("t-1", "customer", "M5", "contact:GBP")).contains("d2");
  }
}
