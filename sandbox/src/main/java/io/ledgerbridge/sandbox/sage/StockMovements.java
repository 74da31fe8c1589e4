package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Created;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Rejected;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StockMovement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Sage's rules for stock movements (after schema validation) and their read model (SAGE.md §2.6,
 * D-INVENT, the SW-MOD example of {@code GET /stock_movements/{key}}). Callers hold the business
 * lock.
 *
 * <p>Documented: {@code stock_item_id}, {@code date}, {@code quantity}, {@code cost_price} and
 * {@code details} (at most 50) required, {@code reference} at most 31, {@code movement_number} at
 * most 4; an adjustment out is a negative {@code quantity}; Sage does not allow negative stock. The
 * answer to a movement that would take the level below zero is not documented for movements; the
 * sandbox answers 422 {@code RecordInvalid} on {@code quantity} with a message worded like the
 * documented one for invoices ("You cannot fulfil this invoice as you do not have enough stock.").
 * Its own further choices: a zero quantity is refused (it moves nothing), a negative cost price is
 * refused, and a {@code movement_number} sent must be digits (Sage prints it as a number); without
 * one the business's next number is taken.
 *
 * <p>The read model follows Sage's examples, which differ from the Swagger's declared types: {@code
 * movement_number} is a JSON number and {@code date} a date-time ({@code
 * 2019-03-07T00:00:00.000Z}); {@code displayed_as} is {@code details}, with {@code " (Ref: <ref>)"}
 * when there is a reference.
 */
final class StockMovements {

  private static final Pattern DIGITS = Pattern.compile("\\d{1,4}");

  private StockMovements() {}

  static CreateOutcome createStockMovement(
      SandboxBusiness b, JsonNode s, Instant now, Random random) {
    List<SageError> errors = new ArrayList<>();
    CatalogItem item = b.catalog.get(SageJson.text(s, "stock_item_id"));
    if (item == null || item.kind != CatalogItemKind.STOCK_ITEM) {
      errors.add(SageError.notFound("stock_item_id"));
    }
    LocalDate date = SageJson.date(SageJson.text(s, "date"));
    BigDecimal quantity = SageJson.decimal(s.get("quantity"));
    BigDecimal cost = SageJson.decimal(s.get("cost_price"));
    if (quantity.signum() == 0) {
      errors.add(SageError.invalid("quantity", "Quantity must not be 0"));
    } else if (item != null
        && item.kind == CatalogItemKind.STOCK_ITEM
        && item.quantityInStock.add(quantity).signum() < 0) {
      errors.add(
          SageError.invalid(
              "quantity",
              "You cannot make this stock adjustment as you do not have enough stock."));
    }
    if (cost.signum() < 0) {
      errors.add(SageError.invalid("cost_price", "Cost price must be greater than or equal to 0"));
    }
    String number = SageJson.text(s, "movement_number");
    if (number != null && !DIGITS.matcher(number).matches()) {
      errors.add(SageError.invalid("movement_number", "Movement number must be a number"));
    }
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }
    int movementNumber;
    if (number == null) {
      movementNumber = b.nextMovementNumber++;
    } else {
      movementNumber = Integer.parseInt(number);
      b.nextMovementNumber = Math.max(b.nextMovementNumber, movementNumber + 1);
    }
    String reference = SageJson.text(s, "reference");
    StockMovement m =
        new StockMovement(
            SageJson.newId(random),
            item.id,
            movementNumber,
            date,
            quantity,
            cost,
            s.get("details").asText(),
            reference == null || reference.isBlank() ? null : reference,
            now);
    item.move(quantity, cost, date, now, true);
    b.stockMovements.put(m.id(), m);
    return new Created(json(b, m, false));
  }

  /**
   * The movement as {@code GET /stock_movements/{id}} answers it: the stock item as a link, or the
   * whole stock item with {@code nested_attributes}.
   */
  static ObjectNode json(SandboxBusiness b, StockMovement m, boolean expand) {
    String displayedAs =
        m.reference() == null ? m.details() : m.details() + " (Ref: " + m.reference() + ")";
    ObjectNode o = SageJson.link(m.id(), displayedAs, "stock_movements");
    o.set("links", SageJson.htmlLinks("stock_movements", m.id()));
    o.put("created_at", SageJson.timestamp(m.createdAt()));
    o.put("updated_at", SageJson.timestamp(m.createdAt()));
    o.put("movement_number", m.movementNumber());
    o.put("date", CatalogItems.dateTime(m.date()));
    o.put("cost_price", SageJson.money(m.costPrice()));
    o.put("quantity", SageJson.money(m.quantity()));
    o.put("details", m.details());
    o.put("reference", m.reference() == null ? "" : m.reference());
    CatalogItem item = b.catalog.get(m.stockItemId());
    o.set(
        "stock_item",
        expand
            ? CatalogItems.json(b, item, CatalogItemKind.STOCK_ITEM)
            : CatalogItems.link(item, CatalogItemKind.STOCK_ITEM));
    return o;
  }
}
