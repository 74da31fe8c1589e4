package io.ledgerbridge.bench.demo;

import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.StoreProduct;
import io.ledgerbridge.sandbox.store.SyncState;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The demo's catalogue, with a policy that syncs products and stock (as a merchant opts in): a
 * managed product becomes a Sage stock item holding the store's quantity, a virtual product a
 * service, a configurable product is skipped, and stock moved twice in the store (a fixed-key event
 * the store sends again only after its outbox clean-up, which the demo runs as of 31 days on)
 * converges on the store's quantity each time.
 */
public final class ProductScenario {
  private ProductScenario() {}

  public static List<ScenarioStep> run(DemoEnvironment env, Duration timeout)
      throws InterruptedException {
    SandboxStore store = env.store();
    SandboxSage sage = env.sage();
    String business = sage.defaultBusinessId();
    syncProductsAndStock(env);
    List<ScenarioStep> steps = new ArrayList<>();

    long bottle =
        store.saveProduct(
            StoreProduct.builder()
                .sku("DEMO-BOTTLE")
                .name("Demo Water Bottle")
                .price("12.50")
                .cost("4.00")
                .stockQty("12")
                .build());
    long engraving =
        store.saveProduct(
            StoreProduct.builder()
                .sku("DEMO-ENGRAVE")
                .name("Engraving")
                .type(StoreProduct.VIRTUAL)
                .price("5.00")
                .noStockItem()
                .build());
    long bundle =
        store.saveProduct(
            StoreProduct.builder()
                .sku("DEMO-SET")
                .name("Gift set")
                .type(StoreProduct.CONFIGURABLE)
                .price("40.00")
                .noStockItem()
                .build());
    boolean ended =
        ScenarioStep.until(
            timeout, () -> ended(store, bottle) && ended(store, engraving) && ended(store, bundle));
    String itemId = id(store, bottle);
    steps.add(
        new ScenarioStep(
            "managed product: stock item at the store's quantity",
            ended
                && sage.stockItem(business, itemId).isPresent()
                && quantity(sage, business, itemId).compareTo(new BigDecimal("12")) == 0,
            "stock item DEMO-BOTTLE, quantity " + quantity(sage, business, itemId)));
    String serviceId = id(store, engraving);
    steps.add(
        new ScenarioStep(
            "virtual product: service",
            sage.service(business, serviceId).isPresent(),
            "service DEMO-ENGRAVE " + (serviceId.isEmpty() ? "missing" : "created")));
    String why = store.syncState("product", bundle).map(SyncState::toString).orElse("");
    steps.add(
        new ScenarioStep(
            "configurable product: skipped",
            why.contains("product_type_not_supported"),
            "skipped product_type_not_supported"));

    List<String> levels = new ArrayList<>();
    boolean converged = true;
    for (String qty : List.of("9", "15")) {
      store.runOutboxGcAsOf(Instant.now().plus(Duration.ofDays(31)));
      // occurred_at has one-second precision and the chassis dedupes on (key, occurred_at)
      Thread.sleep(1_100);
      store.setStockQty(bottle, qty);
      BigDecimal want = new BigDecimal(qty);
      converged &=
          ScenarioStep.until(timeout, () -> quantity(sage, business, itemId).compareTo(want) == 0);
      levels.add(quantity(sage, business, itemId).toPlainString());
    }
    List<String> movements =
        sage.stockMovements(business).stream().map(m -> m.path("quantity").asText()).toList();
    steps.add(
        new ScenarioStep(
            "stock moved twice: Sage converges on the store",
            converged && movements.size() == 3,
            "Sage quantity " + levels + ", movements " + movements));
    return steps;
  }

  public static boolean ok(List<ScenarioStep> steps) {
    return ScenarioStep.allOk(steps, 4);
  }

  public static void printSummary(List<ScenarioStep> steps, PrintStream out) {
    ScenarioStep.print(
        "PRODUCTS AND STOCK",
        "SAGE NOW",
        steps,
        "catalogue and stock " + (ok(steps) ? "follow the store" : "do NOT follow the store"),
        out);
  }

  /** The merchant opts in: products and stock synced, a purchase ledger for them. */
  private static void syncProductsAndStock(DemoEnvironment env) {
    SyncPolicy demo = env.demoPolicy();
    SyncPolicy.DefaultMappings m = demo.mappings();
    SyncPolicy.SyncBehaviour b = demo.behaviour();
    env.chassis()
        .persistence()
        .policies()
        .save(
            env.tenant(),
            demo.withBehaviour(
                    new SyncPolicy.SyncBehaviour(
                        b.syncUnpaidInvoices(),
                        b.syncZeroValueInvoices(),
                        b.syncSince(),
                        Set.of(),
                        Set.of(),
                        true,
                        true))
                .withMappings(
                    new SyncPolicy.DefaultMappings(
                        m.defaultTaxRateId(),
                        m.defaultLedgerAccountId(),
                        m.defaultBankAccountId(),
                        env.sage().defaultPurchaseLedgerAccountId(),
                        m.zeroTaxRateId())));
  }

  private static boolean ended(SandboxStore store, long id) {
    return store.syncState("product", id).map(s -> !"pending".equals(s.syncStatus())).orElse(false);
  }

  private static String id(SandboxStore store, long productId) {
    String id = store.syncState("product", productId).map(SyncState::providerEntityId).orElse(null);
    return id == null ? "" : id;
  }

  private static BigDecimal quantity(SandboxSage sage, String business, String itemId) {
    if (itemId.isEmpty() || sage.stockItem(business, itemId).isEmpty()) {
      return BigDecimal.ZERO;
    }
    return sage.quantityInStock(business, itemId);
  }
}
