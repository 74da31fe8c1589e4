package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.invoice.SageAddress;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.invoice.SageInvoiceLine;
import io.ledgerbridge.core.product.CatalogItemKind;
import io.ledgerbridge.core.product.SageCatalogItemDraft;
import io.ledgerbridge.core.product.SageStockMovementDraft;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/** Shared drafts, connections and canned Sage answers. */
final class SageFixtures {
  static final String TENANT = "tenant-1";
  static final String BUSINESS = "0d40342d0287cd6b13555c54afca6c90";
  static final String CLIENT_ID = "client-abc";
  static final String CLIENT_SECRET = "s3cr3t-client-secret";
  static final String IDEMPOTENCY_ID = "c3a8f0e1d2b3a4958677f6e5d4c3b2a1";
  static final String CONTACT_ID = "14d93840783b11e8990a122c8428e4b2";
  static final String LEDGER_ID = "4195173e75db11e8990a122c8428e4b2";
  static final Instant NOW = Instant.parse("2025-06-24T10:00:00Z");

  private SageFixtures() {}

  static SageConnection connection(MockWebServer server) {
    return new SageConnection(
        TENANT,
        server.url("/v3.1").toString(),
        server.url("/oauth/token").toString(),
        BUSINESS,
        CLIENT_ID,
        CLIENT_SECRET);
  }

  /** A resource beside this class, as text. */
  static String resource(String name) {
    try (InputStream in = SageFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pretty-printed JSON resource in compact form, property order kept (golden bodies). */
  static String compactResource(String name) {
    try {
      ObjectMapper json = new ObjectMapper();
      return json.writeValueAsString(json.readTree(resource(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  static MockResponse tokenResponse(String access, String refresh) {
    return json(
        200,
        "{\"access_token\":\""
            + access
            + "\",\"scope\":\"full_access\",\"token_type\":\"bearer\","
            + "\"expires_in\":300,\"refresh_token\":\""
            + refresh
            + "\","
            + "\"refresh_token_expires_in\":2678400,"
            + "\"requested_by_id\":\"c3c32d1c-41ba-483f-a3ff-49fdb57b9c38\"}");
  }

  static MockResponse emptyContactsPage() {
    return json(
        200,
        "{\"$total\":0,\"$page\":1,\"$next\":null,\"$back\":null,\"$itemsPerPage\":200,"
            + "\"$items\":[]}");
  }

  static MockResponse createdInvoice() {
    return json(
        201,
        "{\"id\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90\",\"displayed_as\":\"SI-3\","
            + "\"$path\":\"/sales_invoices/a1b2c3d4e5f60718293a4b5c6d7e8f90\","
            + "\"total_amount\":\"30.83\"}");
  }

  static MockResponse envelope(int status, String dataCode, String message, String source) {
    return json(
        status,
        "[{\"$severity\":\"error\",\"$dataCode\":\""
            + dataCode
            + "\",\"$message\":\""
            + message
            + "\",\"$source\":\""
            + source
            + "\"}]");
  }

  static SageInvoiceDraft invoice() {
    return new SageInvoiceDraft(
        CONTACT_ID,
        LocalDate.of(2025, 6, 24),
        "ORDER-1001",
        "EUR",
        new BigDecimal("1.127522832"),
        new SageAddress("1 High St", null, "London", "SW1A 1AA", null, "GB"),
        new SageAddress("2 Low Rd", "Flat 3", "Dublin", "D02 X285", "Leinster", "IE"),
        "Magento order #1001",
        new BigDecimal("5"),
        "GB_STANDARD",
        new BigDecimal("1.00"),
        List.of(
            new SageInvoiceLine(
                "Widget",
                LEDGER_ID,
                new BigDecimal("2"),
                new BigDecimal("10.00"),
                new BigDecimal("0.00"),
                "GB_STANDARD",
                new BigDecimal("4.00"),
                "GOODS"),
            new SageInvoiceLine(
                "Consulting",
                LEDGER_ID,
                new BigDecimal("1E+1"),
                new BigDecimal("0.0000123"),
                new BigDecimal("1.5"),
                "GB_ZERO",
                new BigDecimal("0"),
                null)),
        new BigDecimal("30.83"));
  }

  /** Only what Sage requires: contact, date, lines with description, ledger account, price. */
  static SageInvoiceDraft minimalInvoice() {
    return new SageInvoiceDraft(
        CONTACT_ID,
        LocalDate.of(2025, 1, 2),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(
            new SageInvoiceLine(
                "Widget", LEDGER_ID, null, new BigDecimal("10.00"), null, null, null, null)),
        null);
  }

  static SageContactDraft contact() {
    return new SageContactDraft(
        "Great Example Ltd",
        "M5G",
        "GBP",
        "jane@example.com",
        "+44 20 7946 0000",
        "Jane Doe",
        new SageAddress("1 High St", "Unit 2", "London", "SW1A 1AA", "Greater London", "GB"),
        new SageAddress("9 Dock Rd", null, "Leeds", "LS1 4AP", null, "GB"));
  }

  static SageContactDraft minimalContact() {
    return new SageContactDraft("Guest customers", "G1", null, null, null, null, null, null);
  }

  static final String PURCHASE_LEDGER_ID = "5195173e75db11e8990a122c8428e4b2";
  static final String PRICE_TYPE_ID = "6a4f3b2c1d0e4f5a6b7c8d9e0f1a2b3c";
  static final String STOCK_ITEM_ID = "7b5a4c3d2e1f4a5b6c7d8e9f0a1b2c3d";

  /** A stock item with every field the chassis sends (a shortened code, so notes too). */
  static SageCatalogItemDraft stockItem() {
    return new SageCatalogItemDraft(
        CatalogItemKind.STOCK_ITEM,
        "LUMAFLEX-PREMIUM-WATE~0a1b2c3d",
        "Lumaflex\u2122 Premium Water Bottle",
        "Magento SKU: LUMAFLEX-PREMIUM-WATER-BOTTLE-750ML-BLUE",
        LEDGER_ID,
        PURCHASE_LEDGER_ID,
        "GB_STANDARD",
        new BigDecimal("12.50"),
        PRICE_TYPE_ID,
        new BigDecimal("4.13"));
  }

  /** A non-stock product with only what Sage requires and an item code. */
  static SageCatalogItemDraft minimalProduct() {
    return new SageCatalogItemDraft(
        CatalogItemKind.PRODUCT,
        "WB-01",
        "Water Bottle",
        null,
        LEDGER_ID,
        PURCHASE_LEDGER_ID,
        null,
        null,
        null,
        null);
  }

  /** A service with its rate and no purchase ledger account. */
  static SageCatalogItemDraft service() {
    return new SageCatalogItemDraft(
        CatalogItemKind.SERVICE,
        "SUPPORT-1Y",
        "Support, one year",
        null,
        LEDGER_ID,
        null,
        "GB_STANDARD",
        new BigDecimal("99.00"),
        PRICE_TYPE_ID,
        null);
  }

  static SageStockMovementDraft movement(String quantity) {
    return new SageStockMovementDraft(
        STOCK_ITEM_ID,
        LocalDate.of(2025, 6, 24),
        new BigDecimal(quantity),
        new BigDecimal("4.13"),
        "Store stock sync",
        "M42-0a1b2c3d");
  }
}
