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

  private OfficialSchemas() {}

  /** Where the schemas came from: the shared directory, or {@code classpath}. */
  public static String source() {
    Path dir = SageSchemas.findSharedDir(Path.of(System.getProperty("user.dir")).toAbsolutePath());
    return dir == null ? "classpath" : dir.toString();
  }

  /**
   * @param definition {@value #POST_CONTACTS}, {@value #POST_SALES_INVOICES}, {@value
   *     #POST_SALES_CREDIT_NOTES}, {@value #POST_CONTACT_PAYMENTS} or {@value
   *     #POST_CONTACT_ALLOCATIONS}
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
          default -> throw new IllegalArgumentException("unknown definition " + definition);
        };
    return errors.stream().map(e -> e.source() + ": " + e.message()).toList();
  }
}
