package io.ledgerbridge.bench.demo;

import io.ledgerbridge.sandbox.store.StoreAddress;
import io.ledgerbridge.sandbox.store.StoreContact;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.StoreLine;
import java.util.List;

/**
 * The demo's sample invoices: each names what it shows and the terminal status the store should end
 * up with under the demo policy (zero-value invoices skipped).
 */
public final class SampleInvoices {
  private SampleInvoices() {}

  /** One scenario: a label, the invoice, and the expected store sync status and detail. */
  public record Sample(
      String label, StoreInvoice invoice, String expectedStatus, String expectedDetail) {}

  static final StoreAddress LONDON =
      StoreAddress.of("1 High Street", "London", "SW1A 1AA", "GB").withTelephone("020 7946 0000");
  static final StoreAddress MANCHESTER =
      StoreAddress.of("22 Deansgate", "Manchester", "M3 2BW", "GB");
  static final StoreAddress BERLIN = StoreAddress.of("Unter den Linden 5", "Berlin", "10117", "DE");

  public static List<Sample> all() {
    return List.of(
        new Sample(
            "domestic GBP, registered customer",
            StoreInvoice.builder()
                .currency("GBP")
                .customer(
                    StoreContact.registered(5, "jane.doe@example.com", "Jane", "Doe")
                        .withDefaultAddresses(LONDON, LONDON))
                .billingAddress(LONDON)
                .shippingAddress(LONDON)
                .line("WB-01", "Water Bottle", "2", "10.00", "4.00")
                .shipping("5.00", "1.00")
                .paymentMethod("checkmo")
                .build(),
            "synced",
            null),
        new Sample(
            "EUR guest in Germany, untaxed shipping (cross-border zero rated)",
            StoreInvoice.builder()
                .currency("EUR")
                .baseToOrderRate("1.1700")
                .customer(StoreContact.guest("max.mustermann@example.de", "Max", "Mustermann"))
                .billingAddress(BERLIN)
                .shippingAddress(BERLIN)
                .line("YM-02", "Yoga Mat", "1", "35.10", "0.00")
                .line(
                    StoreLine.of("EB-03", "E-book: Stretching Guide", "1", "11.70", "0.00")
                        .withProductType("downloadable"))
                .shipping("8.19", "0.00")
                .build(),
            "synced",
            null),
        new Sample(
            "B2B company customer with purchase order",
            StoreInvoice.builder()
                .currency("GBP")
                .customer(StoreContact.registered(12, "buyer@acme.example", "Ann", "Buyer"))
                .billingAddress(MANCHESTER.withCompany("Acme Trading Ltd"))
                .shippingAddress(MANCHESTER.withCompany("Acme Trading Ltd"))
                .line("KB-10", "Kettlebell 16kg", "4", "45.00", "36.00")
                .shipping("0.00", "0.00")
                .poNumber("PO-77812")
                .paymentMethod("purchaseorder")
                .build(),
            "synced",
            null),
        new Sample(
            "per-line discounts",
            StoreInvoice.builder()
                .currency("GBP")
                .customer(StoreContact.registered(7, "sam@example.com", "Sam", "Lee"))
                .billingAddress(LONDON)
                .shippingAddress(LONDON)
                .line(
                    StoreLine.of("RS-20", "Running Shorts", "2", "25.00", "9.00")
                        .withDiscount("5.00"))
                .line(StoreLine.of("HB-21", "Headband", "1", "30.00", "5.40").withDiscount("3.00"))
                .shipping("4.00", "0.80")
                .build(),
            "synced",
            null),
        new Sample(
            "product name with HTML entities",
            StoreInvoice.builder()
                .currency("GBP")
                .customer(StoreContact.guest("ola@example.com", "Ola", "Nordmann"))
                .billingAddress(LONDON)
                .shippingAddress(MANCHESTER)
                .line("LF-30", "Lumaflex&trade; Band &amp; Strap", "3", "8.00", "4.80")
                .shipping("3.50", "0.70")
                .build(),
            "synced",
            null),
        new Sample(
            "zero-value invoice (policy skips it)",
            StoreInvoice.builder()
                .currency("GBP")
                .customer(
                    StoreContact.registered(5, "jane.doe@example.com", "Jane", "Doe")
                        .withDefaultAddresses(LONDON, LONDON))
                .billingAddress(LONDON)
                .shippingAddress(LONDON)
                .line("FS-00", "Free Sample", "1", "0.00", "0.00")
                .shipping("0.00", "0.00")
                .build(),
            "skipped",
            "zero_value_invoice"));
  }
}
