package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request schemas for the resources the sandbox accepts, taken from Sage's official per-module
 * Swagger files ({@code postContacts} and {@code putContacts} in {@code swagger.contacts.json},
 * {@code postSalesInvoices} and {@code postSalesCreditNotes} in {@code
 * swagger.invoicing_sales.json}, {@code postContactPayments} and {@code postContactAllocations} in
 * {@code swagger.payments.json}, {@code post}/{@code put} of {@code Products}, {@code Services} and
 * {@code StockItems} and {@code postStockMovements} in {@code swagger.products_services.json}).
 *
 * <p>Sage's {@code post*} definitions carry no {@code maxLength}; the limits live on the read
 * models ({@code Contact.reference} 10, {@code SalesInvoice.reference} 25, ...). At load time the
 * limits of the matching read model are copied onto the request schema, and properties listed as
 * {@code required} but missing from {@code properties} (the invoice line {@code description}) get
 * their type from the read model. {@code idempotency_id} is added to each wrapper: Sage accepts it
 * though the schemas omit it.
 */
final class SageSchemas {

  static final String CONTACTS_FILE = "swagger.contacts.json";
  static final String SALES_FILE = "swagger.invoicing_sales.json";
  static final String PAYMENTS_FILE = "swagger.payments.json";
  static final String PRODUCTS_FILE = "swagger.products_services.json";
  private static final String CLASSPATH_DIR = "/sandbox/sage/";

  /** Parsed schemas are immutable and a few hundred kilobytes: parse once per source. */
  private static final Map<String, SageSchemas> CACHE = new ConcurrentHashMap<>();

  private final SwaggerSchemaValidator contactValidator;
  private final SwaggerSchemaValidator salesValidator;
  private final SwaggerSchemaValidator paymentsValidator;
  private final SwaggerSchemaValidator productsValidator;
  private final JsonNode contactWrapper;
  private final JsonNode contactPutWrapper;
  private final JsonNode invoiceWrapper;
  private final JsonNode creditNoteWrapper;
  private final JsonNode paymentWrapper;
  private final JsonNode allocationWrapper;
  private final Map<String, JsonNode> catalogWrappers = new ConcurrentHashMap<>();
  private final JsonNode stockMovementWrapper;

  private SageSchemas(
      JsonNode contactsDoc,
      JsonNode salesDoc,
      JsonNode paymentsDoc,
      JsonNode productsDoc,
      boolean rejectUnknown) {
    this.contactValidator = new SwaggerSchemaValidator(contactsDoc, rejectUnknown);
    this.salesValidator = new SwaggerSchemaValidator(salesDoc, rejectUnknown);
    this.paymentsValidator = new SwaggerSchemaValidator(paymentsDoc, rejectUnknown);
    this.productsValidator = new SwaggerSchemaValidator(productsDoc, rejectUnknown);
    JsonNode contactDefs = contactsDoc.path("definitions");
    this.contactWrapper = contactSchema(contactDefs, "postContacts");
    this.contactPutWrapper = contactSchema(contactDefs, "putContacts");

    JsonNode salesDefs = salesDoc.path("definitions");
    ObjectNode invoice = wrapper(salesDefs, "postSalesInvoices", "sales_invoice");
    overlay(invoice, salesDefs.path("SalesInvoice"));
    overlay(
        invoice.path("properties").path("invoice_lines").path("items"),
        salesDefs.path("SalesInvoiceLineItem"));
    this.invoiceWrapper = invoice;

    ObjectNode creditNote = wrapper(salesDefs, "postSalesCreditNotes", "sales_credit_note");
    overlay(creditNote, salesDefs.path("SalesCreditNote"));
    overlay(
        creditNote.path("properties").path("credit_note_lines").path("items"),
        salesDefs.path("SalesCreditNoteLineItem"));
    this.creditNoteWrapper = creditNote;

    JsonNode paymentDefs = paymentsDoc.path("definitions");
    ObjectNode payment = wrapper(paymentDefs, "postContactPayments", "contact_payment");
    overlay(payment, paymentDefs.path("ContactPayment"));
    overlay(
        payment.path("properties").path("payment_on_account"),
        paymentDefs.path("PaymentOnAccount"));
    this.paymentWrapper = payment;
    ObjectNode allocation = wrapper(paymentDefs, "postContactAllocations", "contact_allocation");
    overlay(allocation, paymentDefs.path("ContactAllocation"));
    this.allocationWrapper = allocation;

    JsonNode productDefs = productsDoc.path("definitions");
    for (CatalogItemKind kind : CatalogItemKind.values()) {
      for (String verb : List.of("post", "put")) {
        ObjectNode w = wrapper(productDefs, verb + kind.definition, kind.wrapper);
        overlay(w, productDefs.path(kind.readModel));
        catalogWrappers.put(verb + kind.definition, w);
      }
    }
    ObjectNode movement = wrapper(productDefs, "postStockMovements", "stock_movement");
    overlay(movement, productDefs.path("StockMovement"));
    this.stockMovementWrapper = movement;
  }

  private static ObjectNode contactSchema(JsonNode contactDefs, String definition) {
    ObjectNode contact = wrapper(contactDefs, definition, "contact");
    overlay(contact, contactDefs.path("Contact"));
    overlay(contact.path("properties").path("main_address"), contactDefs.path("Address"));
    overlay(contact.path("properties").path("delivery_address"), contactDefs.path("Address"));
    overlay(
        contact.path("properties").path("main_contact_person"), contactDefs.path("ContactPerson"));
    return contact;
  }

  /**
   * Loads the schemas: from {@code explicitDir} when given, else the classpath copies, else the
   * first {@code shared/sage-openapi} found walking up from {@code user.dir}.
   */
  static SageSchemas load(Path explicitDir, boolean rejectUnknown) {
    String key =
        (explicitDir == null ? "" : explicitDir.toAbsolutePath().normalize()) + "|" + rejectUnknown;
    return CACHE.computeIfAbsent(key, k -> loadUncached(explicitDir, rejectUnknown));
  }

  private static SageSchemas loadUncached(Path explicitDir, boolean rejectUnknown) {
    if (explicitDir != null) {
      return fromDir(explicitDir, rejectUnknown);
    }
    JsonNode contacts = readClasspath(CONTACTS_FILE);
    JsonNode sales = readClasspath(SALES_FILE);
    JsonNode payments = readClasspath(PAYMENTS_FILE);
    JsonNode products = readClasspath(PRODUCTS_FILE);
    if (contacts != null && sales != null && payments != null && products != null) {
      return new SageSchemas(contacts, sales, payments, products, rejectUnknown);
    }
    Path dir = findSharedDir(Path.of(System.getProperty("user.dir")).toAbsolutePath());
    if (dir == null) {
      throw new IllegalStateException(
          "Sage swagger files not found on the classpath (sandbox/sage/) nor in a"
              + " shared/sage-openapi directory above user.dir; set SandboxSageConfig.openApiDir");
    }
    return fromDir(dir, rejectUnknown);
  }

  private static SageSchemas fromDir(Path dir, boolean rejectUnknown) {
    return new SageSchemas(
        readFile(dir.resolve(CONTACTS_FILE)),
        readFile(dir.resolve(SALES_FILE)),
        readFile(dir.resolve(PAYMENTS_FILE)),
        readFile(dir.resolve(PRODUCTS_FILE)),
        rejectUnknown);
  }

  static Path findSharedDir(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("sage-openapi");
      if (Files.isRegularFile(candidate.resolve(CONTACTS_FILE))) {
        return candidate;
      }
    }
    return null;
  }

  List<SageError> validateContact(JsonNode body) {
    return validate(body, "contact", contactWrapper, contactValidator);
  }

  List<SageError> validateContactUpdate(JsonNode body) {
    return validate(body, "contact", contactPutWrapper, contactValidator);
  }

  /** {@code post<Products|Services|StockItems>}: the create schema of the kind. */
  List<SageError> validateCatalogItem(CatalogItemKind kind, JsonNode body) {
    return validate(
        body, kind.wrapper, catalogWrappers.get("post" + kind.definition), productsValidator);
  }

  /** {@code put<Products|Services|StockItems>}: the update schema of the kind. */
  List<SageError> validateCatalogItemUpdate(CatalogItemKind kind, JsonNode body) {
    return validate(
        body, kind.wrapper, catalogWrappers.get("put" + kind.definition), productsValidator);
  }

  List<SageError> validateStockMovement(JsonNode body) {
    return validate(body, "stock_movement", stockMovementWrapper, productsValidator);
  }

  List<SageError> validateSalesInvoice(JsonNode body) {
    return validate(body, "sales_invoice", invoiceWrapper, salesValidator);
  }

  List<SageError> validateSalesCreditNote(JsonNode body) {
    return validate(body, "sales_credit_note", creditNoteWrapper, salesValidator);
  }

  List<SageError> validateContactPayment(JsonNode body) {
    return validate(body, "contact_payment", paymentWrapper, paymentsValidator);
  }

  List<SageError> validateContactAllocation(JsonNode body) {
    return validate(body, "contact_allocation", allocationWrapper, paymentsValidator);
  }

  private static List<SageError> validate(
      JsonNode body, String wrapperKey, JsonNode wrapperSchema, SwaggerSchemaValidator validator) {
    List<SageError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      errors.add(SageError.invalid("", "The request body must be a JSON object"));
      return errors;
    }
    JsonNode wrapped = body.get(wrapperKey);
    if (wrapped == null || wrapped.isNull()) {
      errors.add(SageError.invalid(wrapperKey, wrapperKey + " can't be blank"));
    }
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals(wrapperKey)) {
        errors.add(SageError.invalid(name, name + " is not a valid attribute"));
      }
    }
    if (wrapped != null && !wrapped.isNull()) {
      errors.addAll(validator.validate(wrapped, wrapperSchema, ""));
    }
    return errors;
  }

  private static ObjectNode wrapper(JsonNode definitions, String definition, String key) {
    JsonNode schema = definitions.path(definition).path("properties").path(key);
    if (!schema.isObject()) {
      throw new IllegalStateException("definition " + definition + "." + key + " not found");
    }
    ObjectNode copy = ((ObjectNode) schema).deepCopy();
    ObjectNode idempotency = copy.withObjectProperty("properties").putObject("idempotency_id");
    idempotency.put("type", "string");
    idempotency.put("maxLength", 255);
    return copy;
  }

  /** Copies read-model {@code maxLength}s and types of required-but-undeclared properties. */
  private static void overlay(JsonNode target, JsonNode readModel) {
    if (!(target instanceof ObjectNode t) || !readModel.isObject()) {
      return;
    }
    ObjectNode properties = t.withObjectProperty("properties");
    JsonNode readProps = readModel.path("properties");
    Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode read = readProps.path(e.getKey());
      if (e.getValue() instanceof ObjectNode prop
          && read.has("maxLength")
          && !prop.has("maxLength")
          && "string".equals(prop.path("type").asText())) {
        prop.set("maxLength", read.get("maxLength"));
      }
    }
    for (JsonNode r : t.path("required")) {
      String name = r.asText();
      JsonNode read = readProps.path(name);
      if (!properties.has(name) && read.has("type") && !read.has("$ref")) {
        ObjectNode added = properties.putObject(name);
        added.set("type", read.get("type"));
        if (read.has("maxLength")) {
          added.set("maxLength", read.get("maxLength"));
        }
      }
    }
  }

  private static JsonNode readFile(Path file) {
    try {
      return SageJson.MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static JsonNode readClasspath(String name) {
    try (InputStream in = SageSchemas.class.getResourceAsStream(CLASSPATH_DIR + name)) {
      return in == null ? null : SageJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath " + CLASSPATH_DIR + name, e);
    }
  }
}
