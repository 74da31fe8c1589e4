package io.ledgerbridge.bench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.StoreAddress;
import io.ledgerbridge.sandbox.store.StoreContact;
import io.ledgerbridge.sandbox.store.StoreCustomer;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.SyncState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's customer: saved in the store (its Sage contact is created), invoiced in GBP and EUR (a
 * contact per currency), then it moves house. The store sends a customer's fixed-key event again
 * only after its outbox clean-up (30 days), which the demo runs as of 31 days on; both Sage
 * contacts must then show the new address.
 */
public final class CustomerScenario {
  private static final long CUSTOMER_ID = 4242;
  private static final StoreAddress OLD =
      StoreAddress.of("1 High Street", "London", "SW1A 1AA", "GB");
  private static final StoreAddress NEW = StoreAddress.of("9 Park Row", "Leeds", "LS1 5HD", "GB");

  private CustomerScenario() {}

  public static List<ScenarioStep> run(DemoEnvironment env, Duration timeout)
      throws InterruptedException {
    SandboxStore store = env.store();
    SandboxSage sage = env.sage();
    String business = sage.defaultBusinessId();
    List<ScenarioStep> steps = new ArrayList<>();

    store.saveCustomer(customer(OLD));
    boolean created = ScenarioStep.until(timeout, () -> synced(store, "customer", CUSTOMER_ID));
    String contactId =
        store.syncState("customer", CUSTOMER_ID).map(SyncState::providerEntityId).orElse("");
    steps.add(
        new ScenarioStep(
            "new customer gets its Sage contact",
            created && reference(sage, business, contactId).equals("M" + CUSTOMER_ID + "G"),
            "contact " + reference(sage, business, contactId)));

    long gbp = store.raiseInvoice(invoice("GBP", null));
    long eur = store.raiseInvoice(invoice("EUR", "1.1700"));
    boolean invoiced =
        ScenarioStep.until(
            timeout, () -> synced(store, "invoice", gbp) && synced(store, "invoice", eur));
    List<JsonNode> own = contactsOf(sage, business);
    steps.add(
        new ScenarioStep(
            "GBP and EUR invoices use a contact per currency",
            invoiced && own.size() == 2,
            "contacts " + references(own)));

    store.runOutboxGcAsOf(Instant.now().plus(Duration.ofDays(31)));
    // occurred_at has one-second precision and the chassis dedupes on (key, occurred_at)
    Thread.sleep(1_100);
    store.saveCustomer(customer(NEW));
    boolean followed =
        ScenarioStep.until(
            timeout,
            () ->
                contactsOf(sage, business).stream()
                    .allMatch(c -> "Leeds".equals(city(sage, business, c))));
    steps.add(
        new ScenarioStep(
            "the customer moves: every contact follows",
            followed && contactsOf(sage, business).size() == 2,
            "cities "
                + contactsOf(sage, business).stream().map(c -> city(sage, business, c)).toList()));
    return steps;
  }

  public static boolean ok(List<ScenarioStep> steps) {
    return ScenarioStep.allOk(steps, 3);
  }

  public static void printSummary(List<ScenarioStep> steps, PrintStream out) {
    ScenarioStep.print(
        "CUSTOMER EDITS",
        "SAGE NOW",
        steps,
        "customer contacts " + (ok(steps) ? "follow the store" : "do NOT follow the store"),
        out);
  }

  private static StoreCustomer customer(StoreAddress address) {
    return StoreCustomer.builder()
        .id(CUSTOMER_ID)
        .email("ada.lovelace@example.com")
        .name("Ada", "Lovelace")
        .defaultAddress(address)
        .build();
  }

  private static StoreInvoice invoice(String currency, String rate) {
    StoreInvoice.Builder b =
        StoreInvoice.builder()
            .currency(currency)
            .customer(
                StoreContact.registered(CUSTOMER_ID, "ada.lovelace@example.com", "Ada", "Lovelace")
                    .withDefaultAddresses(OLD, OLD))
            .billingAddress(OLD)
            .shippingAddress(OLD)
            .line("WB-01", "Water Bottle", "1", "10.00", "2.00")
            .paymentMethod("checkmo");
    if (rate != null) {
      b.baseToOrderRate(rate);
    }
    return b.build();
  }

  private static List<JsonNode> contactsOf(SandboxSage sage, String business) {
    return sage.contacts(business).stream()
        .filter(c -> c.path("reference").asText().startsWith("M" + CUSTOMER_ID))
        .toList();
  }

  private static List<String> references(List<JsonNode> contacts) {
    return contacts.stream().map(c -> c.path("reference").asText()).toList();
  }

  private static String reference(SandboxSage sage, String business, String id) {
    return id.isEmpty()
        ? "-"
        : sage.contact(business, id).map(c -> c.path("reference").asText()).orElse("-");
  }

  private static String city(SandboxSage sage, String business, JsonNode listed) {
    return sage.contact(business, listed.path("id").asText())
        .map(c -> c.path("main_address").path("city").asText())
        .orElse("?");
  }

  private static boolean synced(SandboxStore store, String type, long id) {
    return store.syncState(type, id).map(s -> "synced".equals(s.syncStatus())).orElse(false);
  }
}
