package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.testkit.contract.EntityXrefRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class H2EntityXrefRepositoryTest extends EntityXrefRepositoryContract {
  private static TestDatabase db;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.h2();
  }

  @AfterAll
  static void stopDatabase() {
    db.close();
  }

  @Override
  protected EntityXrefRepository createSubject(MutableClock clock) {
    return db.reset(clock).entityXrefs();
  }

  /**
   * Cross-references of several store entities (an invoice's contact, SKUs and the invoice itself)
   * are read in one statement, which must look each entity up through the key's index on all of
   * tenant, type and key. With {@code store_entity_key = ANY(?)} H2 used the index for the tenant
   * and type only and read every cross-reference of the type, a number that grows with the store.
   * This pins the plan.
   */
  @Test
  void theLookUpOfSeveralEntitiesUsesTheWholeKeyIndexPerEntity() {
    JdbiUnitOfWork uow = (JdbiUnitOfWork) db.reset(clock).unitOfWork();
    String plan =
        uow.inTransaction(
            () ->
                uow.currentHandle()
                    .createQuery("EXPLAIN " + JdbiEntityXrefRepository.FIND_ALL_OF_EACH)
                    .bind("tenant", "t-1")
                    .bind("types", Db.array("varchar", List.of("customer", "invoice")))
                    .bind("keys", Db.array("varchar", List.of("M5", "42")))
                    .mapTo(String.class)
                    .one());
    String index = plan.substring(plan.indexOf("entity_xref_key"));
    assertThat(index.substring(0, index.indexOf("*/")))
        .contains("tenant_id = ", "store_entity_type = ", "store_entity_key = ");
  }
}
