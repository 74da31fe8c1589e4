package io.ledgerbridge.core.testing;

import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test data: canonical invoices built field by field, policies with the usual GB mappings. */
public final class Fixtures {
  private Fixtures() {}

  public static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  public static CanonicalAddress address(String kind, String country, String... street) {
    return new CanonicalAddress(kind, List.of(street), "London", null, "SW1A 1AA", country, null);
  }

  public static CanonicalContact registered(long id, String first, String last, String company) {
    return new CanonicalContact(
        id,
        "buyer" + id + "@example.com",
        first,
        last,
        company,
        "+44 20 7946 0000",
        1,
        1,
        List.of(),
        "2026-01-01T00:00:00Z",
        null);
  }

  public static CanonicalContact guest(String email, String first, String last) {
    return new CanonicalContact(0, email, first, last, null, null, 0, null, List.of(), null, null);
  }

  /**
   * A line with a tax ratio; {@code lineTotal} = subtotal + tax − discount, as the store computes
   * it.
   */
  public static CanonicalLine line(
      String sku,
      String name,
      String qty,
      String unitPrice,
      String subtotal,
      String tax,
      String discount,
      String taxRatio,
      String productType) {
    BigDecimal total = d(subtotal).add(d(tax)).subtract(d(discount));
    return new CanonicalLine(
        sku,
        name,
        d(qty),
        d(unitPrice),
        d(subtotal),
        d(tax),
        total,
        taxRatio == null ? null : d(taxRatio),
        productType);
  }

  public static SyncPolicy gbPolicy() {
    return SyncPolicy.of(
        true,
        true,
        null,
        Set.of(),
        Set.of(),
        "GB_STANDARD",
        "LEDGER4000",
        Map.of("20.00", "GB_STANDARD", "5.00", "GB_LOWER", "0.00", "GB_ZERO"),
        "GB_ZERO",
        "",
        "Company",
        "GOODS");
  }

  public static InvoiceBuilder invoice() {
    return new InvoiceBuilder();
  }

  /** Mutable builder over the 22 components of {@link CanonicalInvoice}. */
  public static final class InvoiceBuilder {
    public long magentoId = 42;
    public String incrementId = "000000042";
    public int websiteId = 1;
    public int storeId = 1;
    public String currency = "GBP";
    public InvoiceState state = InvoiceState.OPEN;
    public CanonicalContact customer = registered(5, "Jane", "Doe", null);
    public List<CanonicalLine> lines = new ArrayList<>();
    public BigDecimal shippingAmount = BigDecimal.ZERO;
    public BigDecimal shippingTaxAmount = BigDecimal.ZERO;
    public BigDecimal discountAmount = BigDecimal.ZERO;
    public BigDecimal grandTotal;
    public Instant createdAt = Instant.parse("2026-04-29T10:11:12Z");
    public CanonicalAddress billing = address("billing", "GB", "1 High St");
    public CanonicalAddress shipping = address("shipping", "GB", "1 High St");
    public String poNumber;
    public BigDecimal baseToOrderRate = BigDecimal.ONE;

    public InvoiceBuilder line(CanonicalLine l) {
      lines.add(l);
      return this;
    }

    public InvoiceBuilder shipping(String net, String tax) {
      shippingAmount = d(net);
      shippingTaxAmount = d(tax);
      return this;
    }

    public InvoiceBuilder grandTotal(String total) {
      grandTotal = d(total);
      return this;
    }

    public InvoiceBuilder state(InvoiceState s) {
      state = s;
      return this;
    }

    /** Builds; the grand total defaults to the store's own sum of lines and shipping. */
    public CanonicalInvoice build() {
      BigDecimal subtotal = BigDecimal.ZERO;
      BigDecimal tax = BigDecimal.ZERO;
      BigDecimal linesTotal = BigDecimal.ZERO;
      for (CanonicalLine l : lines) {
        subtotal = subtotal.add(l.lineSubtotal());
        tax = tax.add(l.lineTax());
        linesTotal = linesTotal.add(l.lineTotal());
      }
      BigDecimal total =
          grandTotal != null ? grandTotal : linesTotal.add(shippingAmount).add(shippingTaxAmount);
      return new CanonicalInvoice(
          magentoId,
          incrementId,
          7,
          "000000007",
          websiteId,
          storeId,
          currency,
          state,
          customer,
          lines,
          subtotal,
          tax.add(shippingTaxAmount),
          shippingAmount,
          shippingTaxAmount,
          discountAmount,
          total,
          createdAt,
          "checkmo",
          billing,
          shipping,
          poNumber,
          baseToOrderRate);
    }
  }
}
