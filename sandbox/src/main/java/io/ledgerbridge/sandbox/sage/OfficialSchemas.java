package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates a request body against Sage's official request schemas, as the sandbox Sage does on
 * every POST: the files in the first {@code shared/sage-openapi} above the working directory, else
 * the sandbox's classpath copies. Unknown properties are violations. Golden-file tests use it to
 * check what the chassis would send without starting a server.
 */
public final class OfficialSchemas {
  public static final String POST_CONTACTS = "postContacts";
  public static final String POST_SALES_INVOICES = "postSalesInvoices";
  public static final String POST_SALES_CREDIT_NOTES = "postSalesCreditNotes";
  public static final String POST_CONTACT_PAYMENTS = "postContactPayments";
  public static final String POST_CONTACT_ALLOCATIONS = "postContactAllocations";
  public static final String PUT_CONTACTS = "putContacts";
  public static final String POST_PRODUCTS = "postProducts";
  public static final String PUT_PRODUCTS = "putProducts";
  public static final String POST_SERVICES = "postServices";
  public static final String PUT_SERVICES = "putServices";
  public static final String POST_STOCK_ITEMS = "postStockItems";
  public static final String PUT_STOCK_ITEMS = "putStockItems";
  public static final String POST_STOCK_MOVEMENTS = "postStockMovements";

  private OfficialSchemas() {}

  /** Where the schemas came from: the shared directory, or {@code classpath}. */
  public static String source() {
    Path dir = SageSchemas.findSharedDir(Path.of(System.getProperty("user.dir")).toAbsolutePath());
    return dir == null ? "classpath" : dir.toString();
  }

  /**
   * @param definition {@value #POST_CONTACTS}, {@value #POST_SALES_INVOICES}, {@value
   *     #POST_SALES_CREDIT_NOTES}, {@value #POST_CONTACT_PAYMENTS}, {@value
   *     #POST_CONTACT_ALLOCATIONS}, {@value #PUT_CONTACTS}, {@value #POST_PRODUCTS}, {@value
   *     #PUT_PRODUCTS}, {@value #POST_SERVICES}, {@value #PUT_SERVICES}, {@value
   *     #POST_STOCK_ITEMS}, {@value #PUT_STOCK_ITEMS} or {@value #POST_STOCK_MOVEMENTS}
   * @return one line per violation ({@code $source: $message}); empty when the body is valid
   */
  public static List<String> validate(String definition, JsonNode body) {
    Path dir = SageSchemas.findSharedDir(Path.of(System.getProperty("user.dir")).toAbsolutePath());
    SageSchemas schemas = SageSchemas.load(dir, true);
    List<SageJson.SageError> errors =
        switch (definition) {
          case POST_CONTACTS -> schemas.validateContact(body);
          case POST_SALES_INVOICES -> schemas.validateSalesInvoice(body);
          case POST_SALES_CREDIT_NOTES -> schemas.validateSalesCreditNote(body);
          case POST_CONTACT_PAYMENTS -> schemas.validateContactPayment(body);
          case POST_CONTACT_ALLOCATIONS -> schemas.validateContactAllocation(body);
          case PUT_CONTACTS -> schemas.validateContactUpdate(body);
          case POST_PRODUCTS -> schemas.validateCatalogItem(CatalogItemKind.PRODUCT, body);
          case PUT_PRODUCTS -> schemas.validateCatalogItemUpdate(CatalogItemKind.PRODUCT, body);
          case POST_SERVICES -> schemas.validateCatalogItem(CatalogItemKind.SERVICE, body);
          case PUT_SERVICES -> schemas.validateCatalogItemUpdate(CatalogItemKind.SERVICE, body);
          case POST_STOCK_ITEMS -> schemas.validateCatalogItem(CatalogItemKind.STOCK_ITEM, body);
          case PUT_STOCK_ITEMS ->
              schemas.validateCatalogItemUpdate(CatalogItemKind.STOCK_ITEM, body);
          case POST_STOCK_MOVEMENTS -> schemas.validateStockMovement(body);
          default -> throw new IllegalArgumentException("unknown definition " + definition);
        };
    return errors.stream().map(e -> e.source() + ": " + e.message()).toList();
  }
}
