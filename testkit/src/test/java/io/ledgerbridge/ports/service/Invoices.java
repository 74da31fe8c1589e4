package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.canonical.InvoiceState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Canonical invoices for service tests. */
final class Invoices {
  private Invoices() {}

  static CanonicalInvoice domestic(long id, long customerId, String currency, String grandTotal) {
    BigDecimal total = new BigDecimal(grandTotal);
    BigDecimal net = total.divide(new BigDecimal("1.2"), 2, java.math.RoundingMode.HALF_UP);
    BigDecimal tax = total.subtract(net);
    CanonicalAddress billing =
        new CanonicalAddress(
            "billing", List.of("1 High St"), "London", null, "SW1A 1AA", "GB", null);
    CanonicalContact customer =
        new CanonicalContact(
            customerId,
            "jane@example.com",
            "Jane",
            "Doe",
            null,
            null,
            1,
            1,
            List.of(billing),
            null,
            null);
    CanonicalLine line =
        new CanonicalLine(
            "SKU-1",
            "Widget",
            BigDecimal.ONE,
            net,
            net,
            tax,
            total,
            tax.signum() == 0 ? null : new BigDecimal("0.2"),
            "simple");
    return new CanonicalInvoice(
        id,
        "0000000" + id,
        id,
        "0000000" + id,
        1,
        1,
        currency,
        InvoiceState.OPEN,
        customer,
        List.of(line),
        net,
        tax,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        total,
        Instant.parse("2026-11-01T10:00:00Z"),
        "checkmo",
        billing,
        null,
        null,
        BigDecimal.ONE);
  }
}
