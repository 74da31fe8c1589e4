package io.ledgerbridge.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.bench.reliability.faults.ChassisChildren.Role;
import io.ledgerbridge.sandbox.store.StoreAddress;
import io.ledgerbridge.sandbox.store.StoreCustomer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code customer.upserted} under faults, with real chassis processes on PostgreSQL: Sage creates a
 * contact but its answer is lost, and a worker dies while its contact POST is in flight. Every
 * customer ends with exactly one Sage contact and the store shows it synced.
 */
class CustomerFaultsIT extends FaultTestBase {
  private static final int CUSTOMERS = 6;
  private static final StoreAddress LONDON =
      StoreAddress.of("1 High Street", "London", "SW1A 1AA", "GB");

  private List<Long> saveCustomers(int n, long firstId) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long id = firstId + i;
      ids.add(
          world
              .store()
              .saveCustomer(
                  StoreCustomer.builder()
                      .id(id)
                      .email("customer" + id + "@example.com")
                      .name("Customer", "No " + id)
                      .defaultAddress(LONDON)
                      .build()));
    }
    return ids;
  }

  private void assertOneContactEach(List<Long> ids) {
    world.await(
        "every customer synced",
        SandboxWorld.WAIT,
        () ->
            ids.stream()
                .allMatch(
                    id ->
                        world
                            .store()
                            .syncState("customer", id)
                            .map(s -> "synced".equals(s.syncStatus()))
                            .orElse(false)));
    List<JsonNode> contacts = world.sage().contacts(world.sage().defaultBusinessId());
    Set<String> references = new HashSet<>();
    for (JsonNode c : contacts) {
      assertThat(references.add(c.path("reference").asText()))
          .as("duplicate contact " + c.path("reference").asText())
          .isTrue();
    }
    for (long id : ids) {
      assertThat(references).contains("M" + id + "G");
      String sageId = world.store().syncState("customer", id).orElseThrow().providerEntityId();
      assertThat(contacts)
          .filteredOn(c -> c.path("id").asText().equals(sageId))
          .singleElement()
          .satisfies(c -> assertThat(c.path("reference").asText()).isEqualTo("M" + id + "G"));
    }
    System.out.println(
        "customer faults: " + ids.size() + " customers, " + contacts.size() + " Sage contacts");
  }

  @Test
  void contactsWhoseCreationAnswerWasLostAreFoundAgainNotCreatedTwice() {
    open(null);
    chassis.start("web", "worker");
    world.sage().failNextAfterCommit("/contacts", 3);

    List<Long> ids = saveCustomers(CUSTOMERS, 9001);

    assertOneContactEach(ids);
  }

  @Test
  void aWorkerKilledAroundItsContactPostIsReplacedWithoutDuplicates() {
    open(null);
    chassis.start("web");
    Role worker = chassis.start("worker").get(0);
    world.sage().setLatency(Duration.ofMillis(1500), Duration.ofMillis(1500));

    List<Long> ids = saveCustomers(CUSTOMERS, 9101);
    world.await(
        "a contact POST received",
        SandboxWorld.WAIT,
        () -> world.sage().postCount("/contacts") > 0);
    chassis.kill(worker);
    world.sage().setLatency(Duration.ZERO, Duration.ZERO);
    chassis.start("worker");

    assertOneContactEach(ids);
  }
}
