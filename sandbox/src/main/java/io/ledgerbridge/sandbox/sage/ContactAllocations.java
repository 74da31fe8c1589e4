package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.AllocationLines.Line;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Created;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Rejected;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StoredContact;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sage's rules for {@code POST /contact_allocations} (after schema validation) and the {@code
 * ContactAllocation} read model. A {@code CUSTOMER_ALLOCATION} sets a customer's open credits
 * against the same customer's invoices (D-INV): invoice amounts are positive, credit note and
 * payment on account amounts negative, and the amounts sum to zero. Each side's outstanding amount
 * and status move by the absolute amount. Whether the business's edition offers the operation at
 * all is decided before this runs ({@link Edition}). Callers hold the business lock.
 */
final class ContactAllocations {

  static final String CUSTOMER_ALLOCATION = "CUSTOMER_ALLOCATION";

  private ContactAllocations() {}

  static CreateOutcome createContactAllocation(
      SandboxBusiness b, JsonNode s, Instant now, Random random) {
    List<SageError> errors = new ArrayList<>();
    String type = SageJson.text(s, "transaction_type_id");
    if ("VENDOR_ALLOCATION".equals(type)) {
      errors.add(
          SageError.invalid(
              "transaction_type_id",
              "The sandbox models customer allocations only, not VENDOR_ALLOCATION"));
    } else if (!CUSTOMER_ALLOCATION.equals(type)) {
      errors.add(SageError.notFound("transaction_type_id"));
    }
    StoredContact contact = b.contacts.get(SageJson.text(s, "contact_id"));
    if (contact == null) {
      errors.add(SageError.notFound("contact_id"));
    } else if (!"CUSTOMER".equals(contact.typeId())) {
      errors.add(SageError.invalid("contact_id", "Couldn't find Customer."));
    }
    LocalDate date = SageJson.date(SageJson.text(s, "date"));
    if (date == null) {
      date = LocalDate.ofInstant(now, ZoneOffset.UTC);
    } else if (date.isBefore(b.accountsStartDate)) {
      errors.add(
          SageError.invalid(
              "date",
              "Date must be on or after the accounts start date (" + b.accountsStartDate + ")"));
    }
    JsonNode array = s.path("allocated_artefacts");
    if (array.size() == 0) {
      errors.add(SageError.invalid("allocated_artefacts", "Allocated artefacts can't be blank"));
    }
    List<Line> lines =
        contact == null
            ? List.of()
            : AllocationLines.resolve(b, array, contact.id(), contact.currencyId(), false, errors);
    for (Line l : lines) {
      checkSign(l, errors);
    }
    AllocationLines.checkOutstanding(lines, errors);
    if (errors.isEmpty()) {
      BigDecimal sum = AllocationLines.sum(lines);
      if (sum.signum() != 0) {
        errors.add(
            SageError.invalid(
                "allocated_artefacts",
                "The allocated amounts must sum to zero (they sum to "
                    + SageJson.money(sum)
                    + ")"));
      }
    }
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }

    String id = SageJson.newId(random);
    String displayedAs = "Customer Allocation - " + date;
    ObjectNode o = SageJson.link(id, displayedAs, "contact_allocations");
    o.put("created_at", SageJson.timestamp(now));
    o.put("updated_at", SageJson.timestamp(now));
    o.set("links", SageJson.htmlLinks("customer_allocations", id));
    o.set("transaction", SageJson.link(SageJson.newId(random), null, "transactions"));
    o.set(
        "transaction_type",
        SageJson.link(CUSTOMER_ALLOCATION, "Customer Allocation", "transaction_types"));
    o.putNull("deleted_at");
    o.put("date", date.toString());
    o.set("contact", ContactPayments.contactLink(contact));
    ArrayNode allocated = o.putArray("allocated_artefacts");
    for (Line l : lines) {
      allocated.add(AllocationLines.json(l, false, random));
    }
    ObjectNode allocationLink = SageJson.link(id, displayedAs, "contact_allocations");
    for (Line l : lines) {
      ObjectNode entry = SageJson.MAPPER.createObjectNode();
      entry.set("links", o.get("links").deepCopy());
      entry.put("date", date.toString());
      entry.put("type", "Customer Allocation");
      entry.putNull("reference");
      entry.put("amount", SageJson.money(l.amount().abs()));
      entry.put("discount", "0.0");
      entry.putNull("stripe_transaction_id");
      entry.set("contact_allocation", allocationLink.deepCopy());
      entry.set("artefact", counterpart(lines, l));
      entry.putNull("contact_payment");
      entry.put("displayed_as", displayedAs);
      entry.put("negative_payment", false);
      l.item().settle(l.amount().abs(), BigDecimal.ZERO, date, now, entry);
    }
    b.allocations.put(id, o);
    return new Created(o);
  }

  /** Invoices take positive amounts; credit notes and payments on account negative ones. */
  private static void checkSign(Line l, List<SageError> errors) {
    boolean invoice = l.item().kind == OpenItem.Kind.SALES_INVOICE;
    int sign = l.amount().signum();
    if (sign == 0) {
      errors.add(SageError.invalid(l.source("amount"), "Amount can't be 0"));
    } else if (invoice && sign < 0) {
      errors.add(
          SageError.invalid(l.source("amount"), "Amount must be positive for a sales invoice"));
    } else if (!invoice && sign > 0) {
      errors.add(
          SageError.invalid(
              l.source("amount"),
              "Amount must be negative for a credit note or a payment on account"));
    }
  }

  /** The first artefact on the other side of the allocation, for {@code payments_allocations}. */
  private static ObjectNode counterpart(List<Line> lines, Line l) {
    for (Line other : lines) {
      if (other.amount().signum() != l.amount().signum()) {
        return other.item().artefactLink.deepCopy();
      }
    }
    return null;
  }
}
