package io.ledgerbridge.bench.load;

/**
 * A realistic five-line GBP invoice at 20 %, 5 % and 0 % with shipping (WIRE §3.1): what the no-op
 * store of the load drivers serves and what the JMH benchmarks parse and translate.
 */
public final class InvoiceFixture {
  public static final String JSON =
      "{\"magento_id\":102,\"increment_id\":\"000000102\",\"order_id\":100,"
          + "\"order_increment_id\":\"000000100\",\"website_id\":1,\"store_id\":1,\"currency\":\"GBP\","
          + "\"state\":\"paid\",\"customer\":{\"magento_id\":7,\"email\":\"ann.smith@example.co.uk\","
          + "\"first_name\":\"Ann\",\"last_name\":\"Smith\",\"phone\":\"+44 20 7946 0018\","
          + "\"website_id\":1,\"group_id\":1,\"addresses\":["
          + address("billing")
          + ","
          + address("shipping")
          + "],\"created_at\":\"2025-11-02T09:30:00Z\","
          + "\"updated_at\":\"2026-04-28T16:45:10Z\"},\"lines\":["
          + line(
              "MH01-M-Black",
              "Chaz Kangeroo Hoodie",
              "1",
              "52",
              "52",
              "10.4",
              "62.4",
              "0.2",
              "configurable")
          + ","
          + line("KC-CAR-01", "Child Car Seat", "1", "80", "80", "4", "84", "0.05", "simple")
          + ","
          + "{\"sku\":\"BK-001\",\"name\":\"Yoga for Beginners (book)\",\"qty\":2,\"unit_price\":12.99,"
          + "\"line_subtotal\":25.98,\"line_tax\":0,\"line_total\":25.98,\"product_type\":\"simple\"},"
          + line(
              "MJ03-L-Red",
              "Proteus Fitness Jackshirt",
              "3",
              "15",
              "45",
              "9",
              "54",
              "0.2",
              "configurable")
          + ","
          + line("WB-01", "Water Bottle", "1", "7.5", "7.5", "1.5", "9", "0.2", "simple")
          + "],\"subtotal\":210.48,\"tax_amount\":25.89,\"shipping_amount\":4.95,"
          + "\"shipping_tax_amount\":0.99,\"discount_amount\":0,\"grand_total\":241.32,"
          + "\"created_at\":\"2026-04-29T10:11:12Z\",\"payment_method\":\"checkmo\","
          + "\"billing_address\":"
          + address("billing")
          + ",\"shipping_address\":"
          + address("shipping")
          + ",\"base_to_order_rate\":1}";

  private InvoiceFixture() {}

  private static String address(String kind) {
    return "{\"kind\":\""
        + kind
        + "\",\"street\":[\"10 Downing Street\"],\"city\":\"London\","
        + "\"region\":\"Greater London\",\"postcode\":\"SW1A 2AA\",\"country_id\":\"GB\","
        + "\"telephone\":\"+44 20 7946 0018\"}";
  }

  private static String line(
      String sku,
      String name,
      String qty,
      String unit,
      String sub,
      String tax,
      String total,
      String rate,
      String type) {
    return "{\"sku\":\""
        + sku
        + "\",\"name\":\""
        + name
        + "\",\"qty\":"
        + qty
        + ",\"unit_price\":"
        + unit
        + ",\"line_subtotal\":"
        + sub
        + ",\"line_tax\":"
        + tax
        + ",\"line_total\":"
        + total
        + ",\"tax_rate\":"
        + rate
        + ",\"product_type\":\""
        + type
        + "\"}";
  }
}
