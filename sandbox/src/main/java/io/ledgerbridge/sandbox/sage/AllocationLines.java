package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The {@code allocated_artefacts[]} of a contact payment or a contact allocation, resolved against
 * the business's {@link OpenItem}s with the rules both share: each line names an {@code
 * artefact_id} and an {@code amount} with at most two decimals; the artefact exists, belongs to the
 * document's contact, is posted (not a draft) and is in the document's currency; and no artefact is
 * settled beyond its outstanding amount, counting every line of the request that names it. Which
 * artefacts and which signs are allowed is the caller's rule. Callers hold the business lock.
 */
final class AllocationLines {

  /** One resolved line; {@code amount} keeps the sign sent. */
  record Line(int index, OpenItem item, BigDecimal amount, BigDecimal discount) {
    String source(String field) {
      return "allocated_artefacts[" + index + "]." + field;
    }
  }

  private AllocationLines() {}

  /** Resolves the lines; a line with an error is reported and left out. */
  static List<Line> resolve(
      SandboxBusiness b,
      JsonNode array,
      String contactId,
      String currencyId,
      boolean withDiscount,
      List<SageError> errors) {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode a = array.get(i);
      String p = "allocated_artefacts[" + i + "].";
      int before = errors.size();
      SageJson.checkTwoDecimals(
          a, withDiscount ? List.of("amount", "discount") : List.of("amount"), p, errors);
      String artefactId = SageJson.text(a, "artefact_id");
      BigDecimal amount = SageJson.decimal(a.get("amount"));
      BigDecimal discount = withDiscount ? SageJson.decimal(a.get("discount")) : null;
      if (artefactId == null || artefactId.isBlank()) {
        errors.add(SageError.invalid(p + "artefact_id", "Artefact can't be blank"));
      }
      if (amount == null) {
        errors.add(SageError.invalid(p + "amount", "Amount can't be blank"));
      }
      if (discount != null && discount.signum() < 0) {
        errors.add(SageError.invalid(p + "discount", "Discount can't be negative"));
      }
      OpenItem item = artefactId == null ? null : b.openItems.get(artefactId);
      if (artefactId != null && !artefactId.isBlank()) {
        if (item == null) {
          errors.add(SageError.notFound(p + "artefact_id"));
        } else if (!item.contactId.equals(contactId)) {
          errors.add(
              SageError.invalid(
                  p + "artefact_id",
                  item.artefactLink.path("displayed_as").asText()
                      + " does not belong to the contact"));
        } else if (!item.posted) {
          errors.add(
              SageError.invalid(
                  p + "artefact_id",
                  item.artefactLink.path("displayed_as").asText()
                      + " is not posted ("
                      + item.statusId()
                      + ") and cannot be allocated"));
        } else if (!item.currencyId.equals(currencyId)) {
          errors.add(
              SageError.invalid(
                  p + "artefact_id",
                  item.artefactLink.path("displayed_as").asText()
                      + " is in "
                      + item.currencyId
                      + ", not "
                      + currencyId));
        }
      }
      if (errors.size() == before) {
        lines.add(new Line(i, item, amount, discount == null ? BigDecimal.ZERO : discount));
      }
    }
    return lines;
  }

  /**
   * No over-allocation: per artefact, the sum of {@code |amount| + discount} over the lines naming
   * it must not exceed its outstanding amount. Reported on the first line that goes over.
   */
  static void checkOutstanding(List<Line> lines, List<SageError> errors) {
    Map<OpenItem, BigDecimal> taken = new LinkedHashMap<>();
    for (Line l : lines) {
      BigDecimal sum =
          taken.getOrDefault(l.item(), BigDecimal.ZERO).add(l.amount().abs()).add(l.discount());
      taken.put(l.item(), sum);
      if (sum.compareTo(l.item().outstanding()) > 0) {
        errors.add(
            SageError.invalid(
                l.source("amount"),
                "Amount exceeds the outstanding amount of "
                    + l.item().artefactLink.path("displayed_as").asText()
                    + " ("
                    + SageJson.money(l.item().outstanding())
                    + ")"));
      }
    }
  }

  /** Sum of the signed amounts. */
  static BigDecimal sum(List<Line> lines) {
    return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** An entry of the read model's {@code allocated_artefacts[]}. */
  static ObjectNode json(Line l, boolean withDiscount, Random random) {
    ObjectNode o = SageJson.MAPPER.createObjectNode();
    o.put("id", SageJson.newId(random));
    o.set("artefact", l.item().artefactLink.deepCopy());
    o.put("amount", SageJson.money(l.amount()));
    if (withDiscount) {
      o.put("discount", SageJson.money(l.discount()));
    }
    return o;
  }
}
