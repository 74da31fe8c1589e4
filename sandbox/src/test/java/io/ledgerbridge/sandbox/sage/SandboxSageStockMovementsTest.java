package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageFixtures.wrapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /stock_movements}: the only way a stock item's {@code quantity_in_stock} moves. */
class SandboxSageStockMovementsTest {

  private SageFixtures f;
  private String stockItemId;

  @BeforeEach
  void start() {
    f = SageFixtures.start(61);
    stockItemId = f.created("/stock_items", f.stockItemBody("TEE-RED-L", "Red T-shirt (L)"));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      f.assertAcceptedRequestsMatchOfficialSchemas();
    } finally {
      f.close();
    }
  }

  private Resp move(String quantity, String costPrice) {
    return f.http.post("/stock_movements", f.movementBody(stockItemId, quantity, costPrice));
  }

  @Test
  void movementsMoveTheLevelAndAnswerSagesShape() {
    ObjectNode in = f.movementBody(stockItemId, "10", "6.00");
    wrapped(in).put("reference", "M1-20250701");

    Resp r = f.http.post("/stock_movements", in);

    assertThat(r.status()).isEqualTo(201);
    JsonNode m = r.body();
    String id = m.get("id").asText();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(m.get("$path").asText()).isEqualTo("/stock_movements/" + id);
    assertThat(m.get("displayed_as").asText()).isEqualTo("Store stock sync (Ref: M1-20250701)");
    assertThat(m.get("movement_number").isInt()).isTrue();
    assertThat(m.get("movement_number").asInt()).isEqualTo(1);
    assertThat(m.get("date").asText()).isEqualTo("2025-07-01T00:00:00.000Z");
    assertThat(m.get("quantity").asText()).isEqualTo("10.0");
    assertThat(m.get("cost_price").asText()).isEqualTo("6.0");
    assertThat(m.get("details").asText()).isEqualTo("Store stock sync");
    assertThat(m.get("reference").asText()).isEqualTo("M1-20250701");
    assertThat(m.get("links").get(0).get("rel").asText()).isEqualTo("alternate");
    JsonNode link = m.get("stock_item");
    assertThat(link.size()).isEqualTo(3);
    assertThat(link.get("$path").asText()).isEqualTo("/stock_items/" + stockItemId);
    assertThat(link.get("displayed_as").asText()).isEqualTo("Red T-shirt (L)");
    assertThat(f.get("/stock_movements/" + id)).isEqualTo(m);
    assertThat(f.sage.stockMovement(f.business(), id).orElseThrow()).isEqualTo(m);
    JsonNode expanded = f.get("/stock_movements/" + id + "?nested_attributes=all");
    assertThat(expanded.get("stock_item").get("quantity_in_stock").asText()).isEqualTo("10.0");

    Resp out = move("-4", "6.00");
    assertThat(out.status()).isEqualTo(201);
    assertThat(out.body().get("movement_number").asInt()).isEqualTo(2);
    assertThat(out.body().get("quantity").asText()).isEqualTo("-4.0");
    assertThat(out.body().get("displayed_as").asText()).isEqualTo("Store stock sync");
    assertThat(out.body().get("reference").asText()).isEmpty();

    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("6");
    JsonNode item = f.get("/stock_items/" + stockItemId);
    assertThat(item.get("quantity_in_stock").asText()).isEqualTo("6.0");
    assertThat(item.get("last_cost_price").asText()).isEqualTo("6.0");
    assertThat(item.get("last_cost_price_stock_value").asText()).isEqualTo("36.0");
    assertThat(item.get("average_cost_price").asText()).isEqualTo("6.0");
    assertThat(item.get("cost_price_last_updated").asText()).isEqualTo("2025-07-01T00:00:00.000Z");
    assertThat(item.get("deletable").asBoolean()).isFalse();
    assertThat(item.get("cost_price").asText()).isEqualTo("7.0");
    assertThat(f.sage.stockMovements(f.business())).hasSize(2);
    assertThat(f.sage.postCount("/stock_movements")).isEqualTo(2);
  }

  @Test
  void averageCostPriceWeighsEveryMovementIn() {
    move("1", "5.00");
    move("2", "10.00");
    move("-3", "0");

    JsonNode item = f.get("/stock_items/" + stockItemId);
    assertThat(item.get("quantity_in_stock").asText()).isEqualTo("0.0");
    assertThat(item.get("last_cost_price").asText()).isEqualTo("10.0");
    assertThat(item.get("average_cost_price").asText()).isEqualTo("8.33");
    assertThat(item.get("average_cost_price_stock_value").asText()).isEqualTo("0.0");
  }

  @Test
  void stockNeverGoesNegative() {
    assertThat(move("2.5", "6.00").status()).isEqualTo(201);

    Resp r = move("-3", "6.00");

    assertThat(SageFixtures.singleError(r, "RecordInvalid", "quantity"))
        .isEqualTo("You cannot make this stock adjustment as you do not have enough stock.");
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("2.5");
    assertThat(f.sage.stockMovements(f.business())).hasSize(1);
    assertThat(move("-2.5", "6.00").status()).isEqualTo(201);
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("0");
    SageFixtures.singleError(move("-0.01", "6.00"), "RecordInvalid", "quantity");
  }

  @Test
  void movementRules() {
    SageFixtures.singleError(move("0", "6.00"), "RecordInvalid", "quantity");
    SageFixtures.singleError(move("1", "-1"), "RecordInvalid", "cost_price");
    String productId = f.created("/products", f.productBody("MUG", "Mug"));
    SageFixtures.singleError(
        f.http.post("/stock_movements", f.movementBody(productId, "1", "1")),
        "RecordNotFound",
        "stock_item_id");
    SageFixtures.singleError(
        f.http.post("/stock_movements", f.movementBody("nope", "1", "1")),
        "RecordNotFound",
        "stock_item_id");
    ObjectNode badNumber = f.movementBody(stockItemId, "1", "1");
    wrapped(badNumber).put("movement_number", "A1");
    SageFixtures.singleError(
        f.http.post("/stock_movements", badNumber), "RecordInvalid", "movement_number");
    assertThat(f.sage.stockMovements(f.business())).isEmpty();

    ObjectNode numbered = f.movementBody(stockItemId, "1", "1");
    wrapped(numbered).put("movement_number", "41");
    assertThat(f.http.post("/stock_movements", numbered).body().get("movement_number").asInt())
        .isEqualTo(41);
    assertThat(move("1", "1").body().get("movement_number").asInt()).isEqualTo(42);
  }

  @Test
  void schemaRejections() {
    ObjectNode body = f.movementBody(stockItemId, "ten", "6.00");
    wrapped(body).put("reference", "R".repeat(32));
    wrapped(body).put("details", "D".repeat(51));
    wrapped(body).put("date", "01/07/2025");
    wrapped(body).put("movement_number", "12345");
    wrapped(body).remove("cost_price");

    assertThat(SageFixtures.sources(f.http.post("/stock_movements", body)))
        .containsExactlyInAnyOrder(
            "quantity", "reference", "details", "date", "movement_number", "cost_price");

    ObjectNode longest = f.movementBody(stockItemId, "1", "6.00");
    wrapped(longest).put("reference", "R".repeat(31));
    wrapped(longest).put("details", "D".repeat(50));
    assertThat(f.http.post("/stock_movements", longest).status()).isEqualTo(201);
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("1");
  }

  @Test
  void listsFilterByStockItemDateAndSearch() {
    String other = f.created("/stock_items", f.stockItemBody("MUG", "Mug"));
    move("5", "6.00");
    ObjectNode later = f.movementBody(other, "2", "3.00");
    wrapped(later).put("date", "2025-07-03");
    wrapped(later).put("reference", "SYNC-42");
    f.created("/stock_movements", later);

    assertThat(f.get("/stock_movements").get("$total").asInt()).isEqualTo(2);
    assertThat(f.get("/stock_movements?stock_item_id=" + other).get("$total").asInt()).isEqualTo(1);
    assertThat(f.get("/stock_movements?from_date=2025-07-02").get("$total").asInt()).isEqualTo(1);
    assertThat(f.get("/stock_movements?to_date=2025-07-02").get("$total").asInt()).isEqualTo(1);
    assertThat(f.get("/stock_movements?search=sync-42").get("$total").asInt()).isEqualTo(1);
    assertThat(f.http.get("/stock_movements/0123456789abcdef0123456789abcdef").status())
        .isEqualTo(404);
    assertThat(f.http.put("/stock_movements/x", "{\"stock_movement\":{}}").status()).isEqualTo(405);
  }

  @Test
  void faultsReachStockMovements() {
    f.sage.failNext("/stock_movements", 503, 1);
    f.sage.failNextAfterCommit("/stock_movements", 1);

    assertThat(move("1", "1").status()).isEqualTo(503);
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("0");
    assertThat(move("1", "1").status()).isEqualTo(500);
    assertThat(f.sage.quantityInStock(f.business(), stockItemId)).isEqualByComparingTo("1");
    assertThat(f.sage.postCount("/stock_movements")).isEqualTo(2);
  }

  @Test
  void quantityInStockNeedsAStockItem() {
    String productId = f.created("/products", f.productBody("MUG", "Mug"));

    assertThatThrownBy(() -> f.sage.quantityInStock(f.business(), productId))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
