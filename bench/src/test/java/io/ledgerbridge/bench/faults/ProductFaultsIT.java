package io.ledgerbridge.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.reliability.faults.ChassisChildren.Role;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.sandbox.store.StoreProduct;
import io.ledgerbridge.sandbox.store.SyncState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code product.upserted} under faults, with real chassis processes on PostgreSQL: Sage creates
 * stock items, a service and stock movements but their answers are lost, and a worker dies while
 * its catalogue POST is in flight. Every product ends with exactly one Sage item (stock item,
 * product or service) per SKU, every stock item holds the store's quantity (no movement posted
 * twice), and the store shows every product synced.
 */
class ProductFaultsIT extends FaultTestBase {
  /** The managed-stock simple products' store quantities, by SKU. */
  private static final Map<String, String> STOCKED =
      orderedMap("FLT-BOTTLE", "10", "FLT-MUG", "25", "FLT-TEE", "3", "FLT-CAP", "40");

  private static final String SERVICE_SKU = "FLT-SUPPORT-1Y";

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** One product saved in the store: its id, SKU and (for a stock item) quantity. */
  private record Saved(long id, String sku, BigDecimal qty) {}

  /**
   * Turns on {@code sync_products} and {@code sync_stock} with the sandbox's purchase ledger
   * account through a chassis opened in this JVM on the schema, before any child starts.
   */
  private void syncProductsAndStock() {
    try (Chassis registrar = Chassis.open(AppConfig.from(chassis.registrationEnvironment()))) {
      PolicyRepository policies = registrar.persistence().policies();
      SyncPolicy current = policies.current(SandboxWorld.TENANT).orElseThrow().policy();
      SyncPolicy.SyncBehaviour b = current.behaviour();
      SyncPolicy.DefaultMappings m = current.mappings();
      policies.save(
          SandboxWorld.TENANT,
          current
              .withBehaviour(
                  new SyncPolicy.SyncBehaviour(
                      b.syncUnpaidInvoices(),
                      b.syncZeroValueInvoices(),
                      b.syncSince(),
                      b.websiteFilter(),
                      b.storeFilter(),
                      true,
                      true))
              .withMappings(
                  new SyncPolicy.DefaultMappings(
                      m.defaultTaxRateId(),
                      m.defaultLedgerAccountId(),
                      m.defaultBankAccountId(),
                      world.sage().defaultPurchaseLedgerAccountId(),
                      m.zeroTaxRateId())));
    }
  }

  private List<Saved> saveProducts(long firstId) {
    List<Saved> saved = new ArrayList<>();
    long id = firstId;
    for (Map.Entry<String, String> e : STOCKED.entrySet()) {
      long storeId =
          world
              .store()
              .saveProduct(
                  StoreProduct.builder()
                      .id(id++)
                      .sku(e.getKey())
                      .name("Fault product " + e.getKey())
                      .price("12.50")
                      .cost("4.00")
                      .stockQty(e.getValue())
                      .build());
      saved.add(new Saved(storeId, e.getKey(), new BigDecimal(e.getValue())));
    }
    long serviceId =
        world
            .store()
            .saveProduct(
                StoreProduct.builder()
                    .id(id)
                    .sku(SERVICE_SKU)
                    .name("Support, one year")
                    .type(StoreProduct.VIRTUAL)
                    .price("99")
                    .build());
    saved.add(new Saved(serviceId, SERVICE_SKU, null));
    return saved;
  }

  private boolean synced(long id) {
    return world
        .store()
        .syncState("product", id)
        .map(s -> "synced".equals(s.syncStatus()))
        .orElse(false);
  }

  private void assertOneItemPerSkuAndStoreStock(List<Saved> products) {
    world.await(
        "every product synced",
        SandboxWorld.WAIT,
        () -> products.stream().allMatch(p -> synced(p.id())));
    world.awaitQuiescent();
    String business = world.sage().defaultBusinessId();
    List<JsonNode> stockItems = world.sage().stockItems(business);
    List<JsonNode> nonStock = world.sage().products(business);
    List<JsonNode> services = world.sage().services(business);
    List<JsonNode> movements = world.sage().stockMovements(business);
    List<JsonNode> all = new ArrayList<>(stockItems);
    all.addAll(nonStock);
    all.addAll(services);
    Map<String, Long> bySku =
        all.stream()
            .collect(
                Collectors.groupingBy(i -> i.path("item_code").asText(), Collectors.counting()));
    String context =
        "Sage items by code "
            + bySku
            + ", movements "
            + movements.stream()
                .map(
                    mv ->
                        mv.path("stock_item").path("id").asText()
                            + ":"
                            + mv.path("quantity").asText()
                            + ":"
                            + mv.path("reference").asText())
                .toList();
    assertThat(bySku.values()).as("Sage items per code; " + context).allMatch(n -> n == 1L);
    assertThat(bySku.keySet())
        .as(context)
        .containsExactlyInAnyOrderElementsOf(products.stream().map(Saved::sku).toList());
    assertThat(stockItems).as("stock items; " + context).hasSize(STOCKED.size());
    assertThat(nonStock).as("non-stock products; " + context).isEmpty();
    assertThat(services).as("services; " + context).hasSize(1);
    for (Saved p : products) {
      SyncState state = world.store().syncState("product", p.id()).orElseThrow();
      String sageId = state.providerEntityId();
      assertThat(all)
          .as("Sage item behind product " + p.id() + "; " + context)
          .filteredOn(i -> i.path("id").asText().equals(sageId))
          .singleElement()
          .satisfies(i -> assertThat(i.path("item_code").asText()).isEqualTo(p.sku()));
      if (p.qty() == null) {
        assertThat(services)
            .as(context)
            .anySatisfy(s -> assertThat(s.path("id").asText()).isEqualTo(sageId));
        continue;
      }
      assertThat(world.sage().quantityInStock(business, sageId))
          .as("quantity in stock of " + p.sku() + "; " + context)
          .isEqualByComparingTo(p.qty());
      List<JsonNode> itemMovements =
          movements.stream()
              .filter(mv -> mv.path("stock_item").path("id").asText().equals(sageId))
              .toList();
      assertThat(itemMovements).as("stock movements of " + p.sku() + "; " + context).hasSize(1);
      assertThat(new BigDecimal(itemMovements.get(0).path("quantity").asText()))
          .isEqualByComparingTo(p.qty());
    }
    assertThat(
            chassis.query("SELECT id, kind, last_error FROM jobs WHERE status = 'dead_lettered'"))
        .as("dead-lettered jobs")
        .isEmpty();
    System.out.println(
        "product faults: "
            + products.size()
            + " products, "
            + stockItems.size()
            + " Sage stock items, "
            + nonStock.size()
            + " products, "
            + services.size()
            + " services, "
            + movements.size()
            + " stock movements; POSTs /stock_items "
            + world.sage().postCount("/stock_items")
            + ", /services "
            + world.sage().postCount("/services")
            + ", /stock_movements "
            + world.sage().postCount("/stock_movements"));
  }

  @Test
  void catalogueItemsAndMovementsWhoseAnswersWereLostAreFoundAgainNotCreatedTwice() {
    open(null);
    syncProductsAndStock();
    chassis.start("web", "worker");
    world.sage().failNextAfterCommit("/stock_items", 2);
    world.sage().failNextAfterCommit("/stock_movements", 2);
    world.sage().failNextAfterCommit("/services", 1);

    List<Saved> products = saveProducts(7001);

    assertOneItemPerSkuAndStoreStock(products);
  }

  @Test
  void aWorkerKilledAroundItsCataloguePostIsReplacedWithoutDuplicates() {
    open(null);
    syncProductsAndStock();
    chassis.start("web");
    Role worker = chassis.start("worker").get(0);
    world.sage().setLatency(Duration.ofMillis(1500), Duration.ofMillis(1500));

    List<Saved> products = saveProducts(7101);
    world.await(
        "a stock item POST received",
        SandboxWorld.WAIT,
        () -> world.sage().postCount("/stock_items") > 0);
    chassis.kill(worker);
    world.sage().setLatency(Duration.ZERO, Duration.ZERO);
    chassis.start("worker");

    assertOneItemPerSkuAndStoreStock(products);
  }
}
