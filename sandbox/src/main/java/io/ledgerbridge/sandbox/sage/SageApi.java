package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Created;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Rejected;
import io.ledgerbridge.sandbox.sage.SageJson.ApiResponse;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.IdempotentResult;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.LedgerAccount;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Routes {@code /v3.1/...} requests: bearer check, business selection, resources. */
final class SageApi {

  /** A decoded API request; {@code path} is relative to {@code /v3.1}. */
  record ApiRequest(
      String method,
      String path,
      String fullPath,
      Map<String, String> query,
      String authorization,
      String xBusiness,
      String contentType,
      byte[] body) {}

  /** The response and the business id to echo in {@code X-Business} (null for none). */
  record Routed(ApiResponse response, String businessId) {}

  private final Map<String, SandboxBusiness> businesses;
  private final Supplier<List<SandboxBusiness>> userBusinesses;
  private final Supplier<String> leadBusinessId;
  private final OAuthTokens tokens;
  private final SageSchemas schemas;
  private final FaultPlan faults;
  private final Clock clock;
  private final Random random;

  SageApi(
      Map<String, SandboxBusiness> businesses,
      Supplier<List<SandboxBusiness>> userBusinesses,
      Supplier<String> leadBusinessId,
      OAuthTokens tokens,
      SageSchemas schemas,
      FaultPlan faults,
      Clock clock,
      Random random) {
    this.businesses = businesses;
    this.userBusinesses = userBusinesses;
    this.leadBusinessId = leadBusinessId;
    this.tokens = tokens;
    this.schemas = schemas;
    this.faults = faults;
    this.clock = clock;
    this.random = random;
  }

  Routed handle(ApiRequest r) {
    OAuthTokens.AccessGrant grant = tokens.accessGrant(bearer(r.authorization()));
    if (grant == null) {
      return new Routed(
          ApiResponse.error(
              401,
              "AuthorizationFailure",
              "The access token is missing, invalid or has expired.",
              ""),
          null);
    }
    if (grant.scope().equals(OAuthTokens.READONLY) && !r.method().equals("GET")) {
      return new Routed(notInEdition(), null); // a read-only grant: 403 MultiUserAccessDenied
    }
    String[] seg =
        Arrays.stream(r.path().split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
    if (seg.length == 0) {
      return new Routed(notFound(), null);
    }
    if (seg[0].equals("businesses") || seg[0].equals("user")) {
      return new Routed(account(r, seg), null);
    }
    String businessId =
        r.xBusiness() == null || r.xBusiness().isBlank()
            ? leadBusinessId.get()
            : r.xBusiness().trim();
    SandboxBusiness b = businesses.get(businessId);
    if (b == null) {
      return new Routed(
          ApiResponse.error(404, "RecordNotFound", "Couldn't find business.", "X-Business"), null);
    }
    return new Routed(resource(r, b, seg), b.id);
  }

  private ApiResponse resource(ApiRequest r, SandboxBusiness b, String[] seg) {
    String collection = seg[0];
    String key = seg.length > 1 ? seg[1] : null;
    if (seg.length > 2) {
      return notFound();
    }
    boolean get = r.method().equals("GET");
    boolean post = r.method().equals("POST");
    boolean put = r.method().equals("PUT");
    if (!b.edition.offers(r.method(), collection)) {
      return notInEdition();
    }
    Map<String, String> q = r.query();
    switch (collection) {
      case "contacts":
        if (post && key == null) {
          return create(r, b, "contact", schemas::validateContact, Contacts::createContact);
        }
        if (put && key != null) {
          return update(
              r,
              b,
              "contact",
              () -> b.contacts.containsKey(key),
              schemas::validateContactUpdate,
              (b2, c, now, random) -> Contacts.updateContact(b2, key, c, now, random));
        }
        if (!get) {
          return methodNotAllowed();
        }
        return key == null ? SageReads.listContacts(q, b) : SageReads.contact(q, b, key);
      case "products":
      case "services":
      case "stock_items":
        CatalogItemKind view =
            collection.equals("products")
                ? CatalogItemKind.PRODUCT
                : collection.equals("services")
                    ? CatalogItemKind.SERVICE
                    : CatalogItemKind.STOCK_ITEM;
        if (post && key == null) {
          return create(
              r,
              b,
              view.wrapper,
              body -> schemas.validateCatalogItem(view, body),
              view == CatalogItemKind.PRODUCT
                  ? CatalogItems::createProduct
                  : view == CatalogItemKind.SERVICE
                      ? CatalogItems::createService
                      : CatalogItems::createStockItem);
        }
        if (put && key != null) {
          return update(
              r,
              b,
              view.wrapper,
              () -> SageReads.catalogItem(b, view, key) != null,
              body -> schemas.validateCatalogItemUpdate(view, body),
              (b2, c, now, random) -> CatalogItems.update(b2, view, key, c, now, random));
        }
        if (!get) {
          return methodNotAllowed();
        }
        return key == null
            ? SageReads.listCatalog(q, b, view)
            : SageReads.catalogItem(q, b, view, key);
      case "stock_movements":
        if (post && key == null) {
          return create(
              r,
              b,
              "stock_movement",
              schemas::validateStockMovement,
              StockMovements::createStockMovement);
        }
        if (!get) {
          return methodNotAllowed();
        }
        return key == null
            ? SageReads.listStockMovements(q, b)
            : SageReads.stockMovement(q, b, key);
      case "product_sales_price_types":
        return get
            ? reference(
                r,
                b,
                key,
                b2 -> priceTypes(b2, CatalogItemKind.PRODUCT, collection),
                activeFilter(r))
            : methodNotAllowed();
      case "service_rate_types":
        return get
            ? reference(
                r,
                b,
                key,
                b2 -> priceTypes(b2, CatalogItemKind.SERVICE, collection),
                activeFilter(r))
            : methodNotAllowed();
      case "catalog_item_types":
        return get
            ? reference(
                r,
                b,
                key,
                b2 -> {
                  List<ObjectNode> l = new ArrayList<>();
                  for (CatalogItemKind k :
                      List.of(
                          CatalogItemKind.STOCK_ITEM,
                          CatalogItemKind.PRODUCT,
                          CatalogItemKind.SERVICE)) {
                    l.add(SageJson.link(k.typeId, k.typeName, "catalog_item_types"));
                  }
                  return l;
                },
                x -> true)
            : methodNotAllowed();
      case "sales_invoices":
      case "sales_credit_notes":
        SalesDocumentKind kind =
            collection.equals("sales_invoices")
                ? SalesDocumentKind.INVOICE
                : SalesDocumentKind.CREDIT_NOTE;
        if (post && key == null) {
          return kind == SalesDocumentKind.INVOICE
              ? create(
                  r,
                  b,
                  kind.wrapper,
                  schemas::validateSalesInvoice,
                  SalesDocuments::createSalesInvoice)
              : create(
                  r,
                  b,
                  kind.wrapper,
                  schemas::validateSalesCreditNote,
                  SalesDocuments::createSalesCreditNote);
        }
        if (!get) {
          return methodNotAllowed();
        }
        return key == null
            ? SageReads.listDocuments(q, b, kind)
            : SageReads.document(q, b, kind, key);
      case "contact_payments":
        if (post && key == null) {
          return create(
              r,
              b,
              "contact_payment",
              schemas::validateContactPayment,
              ContactPayments::createContactPayment);
        }
        if (!get) {
          return methodNotAllowed();
        }
        return key == null ? SageReads.listPayments(q, b) : SageReads.one(b, b.payments, key);
      case "contact_allocations":
        if (post && key == null) {
          return create(
              r,
              b,
              "contact_allocation",
              schemas::validateContactAllocation,
              ContactAllocations::createContactAllocation);
        }
        if (!get) {
          return methodNotAllowed();
        }
        return key == null ? SageReads.listAllocations(q, b) : SageReads.one(b, b.allocations, key);
      case "payment_methods":
        return get
            ? reference(r, b, key, SandboxBusiness::paymentMethodItems, x -> true)
            : methodNotAllowed();
      case "invoice_settings":
        if (key != null) {
          return notFound();
        }
        if (!get) {
          return methodNotAllowed();
        }
        synchronized (b.lock()) {
          return ApiResponse.ok(b.invoiceSettingsJson());
        }
      case "tax_rates":
        return get
            ? reference(
                r,
                b,
                key,
                b2 -> {
                  List<ObjectNode> l = new ArrayList<>();
                  SandboxBusiness.GB_TAX_RATES.forEach(t -> l.add(b2.taxRateJson(t)));
                  return l;
                },
                x -> true)
            : methodNotAllowed();
      case "ledger_accounts":
        return get
            ? reference(r, b, key, SageApi::ledgerAccounts, ledgerFilter(r))
            : methodNotAllowed();
      case "bank_accounts":
        return get
            ? reference(r, b, key, b2 -> List.of(b2.bankAccountJson()), x -> true)
            : methodNotAllowed();
      case "currencies":
        return get
            ? reference(r, b, key, SandboxBusiness::currencyItems, x -> true)
            : methodNotAllowed();
      case "eu_goods_services_types":
        return get
            ? reference(
                r,
                b,
                key,
                b2 -> {
                  List<ObjectNode> l = new ArrayList<>();
                  l.add(
                      SageJson.link(
                          "GOODS",
                          SandboxBusiness.EU_GOODS_SERVICES_TYPES.get("GOODS"),
                          "eu_goods_services_types"));
                  l.add(
                      SageJson.link(
                          "SERVICES",
                          SandboxBusiness.EU_GOODS_SERVICES_TYPES.get("SERVICES"),
                          "eu_goods_services_types"));
                  return l;
                },
                x -> true)
            : methodNotAllowed();
      case "financial_settings":
        if (key != null) {
          return notFound();
        }
        return get ? ApiResponse.ok(b.financialSettingsJson()) : methodNotAllowed();
      default:
        return notFound();
    }
  }

  // ---- writes -------------------------------------------------------------------------------

  @FunctionalInterface
  interface Creator {
    CreateOutcome create(SandboxBusiness b, JsonNode wrapped, Instant now, Random random);
  }

  private ApiResponse create(
      ApiRequest r,
      SandboxBusiness b,
      String resourceType,
      Function<JsonNode, List<SageError>> validator,
      Creator creator) {
    return write(r, b, resourceType, null, validator, creator);
  }

  /**
   * {@code PUT /collection/{key}}: 404 {@code RecordNotFound} when {@code exists} says the business
   * has no such record, else as a create, answering 200 with the updated read model. An {@code
   * idempotency_id} works for PUT as for POST (D-IDEM).
   */
  private ApiResponse update(
      ApiRequest r,
      SandboxBusiness b,
      String resourceType,
      BooleanSupplier exists,
      Function<JsonNode, List<SageError>> validator,
      Creator updater) {
    return write(r, b, resourceType, exists, validator, updater);
  }

  /** A create ({@code exists} null, 201) or an update of an existing record (200). */
  private ApiResponse write(
      ApiRequest r,
      SandboxBusiness b,
      String resourceType,
      BooleanSupplier exists,
      Function<JsonNode, List<SageError>> validator,
      Creator creator) {
    boolean creating = exists == null;
    String contentType = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
    if (!contentType.startsWith("application/json")) {
      return ApiResponse.error(
          415, "UnsupportedMediaType", "Content-Type must be application/json", "");
    }
    JsonNode body;
    try {
      body = SageJson.MAPPER.readTree(r.body());
    } catch (IOException e) {
      return ApiResponse.error(400, "BadRequest", "The request body is not valid JSON.", "");
    }
    synchronized (b.lock()) {
      if (!creating && !exists.getAsBoolean()) {
        return notFound();
      }
      Instant now = clock.instant();
      JsonNode idem = body == null ? null : body.path(resourceType).get("idempotency_id");
      String idempotencyId =
          idem != null && idem.isTextual() && !idem.asText().isBlank() ? idem.asText() : null;
      if (idempotencyId == null && body != null) {
        idempotencyId = anyIdempotencyId(body);
      }
      if (idempotencyId != null) {
        IdempotentResult previous = b.idempotent(idempotencyId, now);
        if (previous != null) {
          if (!previous.resourceType().equals(resourceType)) {
            return ApiResponse.error(
                422, "IdempotencyResourceMismatch", "Entity type mismatch", "");
          }
          return previous.created()
              ? ApiResponse.created(previous.body().deepCopy())
              : ApiResponse.ok(previous.body().deepCopy());
        }
      }
      List<SageError> errors = validator.apply(body);
      if (!errors.isEmpty()) {
        return ApiResponse.errors(422, errors);
      }
      CreateOutcome outcome = creator.create(b, body.get(resourceType), now, random);
      if (outcome instanceof Rejected rejected) {
        return ApiResponse.errors(422, rejected.errors());
      }
      ObjectNode created = ((Created) outcome).body();
      if (idempotencyId != null) {
        b.idempotency.put(
            idempotencyId, new IdempotentResult(resourceType, created.deepCopy(), now, creating));
      }
      if (faults.takeAfterCommit(r.fullPath())) {
        return ApiResponse.error(500, "UnexpectedError", "An unexpected error occurred.", "");
      }
      return creating
          ? ApiResponse.created(created.deepCopy())
          : ApiResponse.ok(created.deepCopy());
    }
  }

  /** An idempotency id sent under another wrapper key (to detect a resource-type mismatch). */
  private static String anyIdempotencyId(JsonNode body) {
    for (JsonNode v : body) {
      JsonNode idem = v.get("idempotency_id");
      if (idem != null && idem.isTextual() && !idem.asText().isBlank()) {
        return idem.asText();
      }
    }
    return null;
  }

  // ---- reference data ---------------------------------------------------------------------

  private ApiResponse reference(
      ApiRequest r,
      SandboxBusiness b,
      String key,
      Function<SandboxBusiness, List<ObjectNode>> source,
      Predicate<ObjectNode> filter) {
    List<ObjectNode> all = source.apply(b);
    String collection = r.path().split("/")[1];
    if (key != null) {
      return all.stream()
          .filter(o -> key.equals(o.path("id").asText()))
          .findFirst()
          .map(o -> ApiResponse.ok(o))
          .orElseGet(SageApi::notFound);
    }
    if (filter == null) {
      return ApiResponse.error(
          422, "RecordInvalid", "visible_in is not included in the list", "visible_in");
    }
    return Paging.page(r.query(), collection, all.stream().filter(filter).toList());
  }

  private static List<ObjectNode> priceTypes(
      SandboxBusiness b, CatalogItemKind kind, String collection) {
    List<ObjectNode> l = new ArrayList<>();
    b.priceTypes(kind).forEach(t -> l.add(b.priceTypeJson(t, collection)));
    return l;
  }

  /** The {@code active} filter of the price and rate type lists. */
  private static Predicate<ObjectNode> activeFilter(ApiRequest r) {
    String active = r.query().get("active");
    return o -> active == null || active.equalsIgnoreCase(o.path("active").asText());
  }

  private static List<ObjectNode> ledgerAccounts(SandboxBusiness b) {
    List<ObjectNode> l = new ArrayList<>();
    for (LedgerAccount a : b.ledgerAccounts) {
      l.add(b.ledgerAccountJson(a));
    }
    return l;
  }

  private static final Set<String> VISIBLE_IN =
      Set.of(
          "sales",
          "banking",
          "expenses",
          "other_payments",
          "other_receipts",
          "journals",
          "reporting");

  /**
   * The {@code visible_in}/{@code ledger_account_type_id}/{@code search} filter, null if invalid.
   */
  private static Predicate<ObjectNode> ledgerFilter(ApiRequest r) {
    String visibleIn = r.query().get("visible_in");
    String notVisibleIn = r.query().get("not_visible_in");
    String type = r.query().get("ledger_account_type_id");
    String search = lower(r.query().get("search"));
    if ((visibleIn != null && !VISIBLE_IN.contains(visibleIn))
        || (notVisibleIn != null && !VISIBLE_IN.contains(notVisibleIn))) {
      return null;
    }
    return o ->
        (visibleIn == null || o.path("visible_in_" + visibleIn).asBoolean(false))
            && (notVisibleIn == null || !o.path("visible_in_" + notVisibleIn).asBoolean(false))
            && (type == null || type.equals(o.path("ledger_account_type").path("id").asText()))
            && (search == null
                || contains(o.path("name").asText(), search)
                || o.path("nominal_code").asText().startsWith(search));
  }

  private ApiResponse account(ApiRequest r, String[] seg) {
    if (!r.method().equals("GET")) {
      return methodNotAllowed();
    }
    if (seg[0].equals("user")) {
      if (seg.length > 1) {
        return notFound();
      }
      // SW-MOD example shape; the user signed up when the lead business was created
      String since = SageJson.timestamp(businesses.get(leadBusinessId.get()).createdAt);
      ObjectNode user = SageJson.MAPPER.createObjectNode();
      user.put("id", tokens.userId());
      user.put("displayed_as", "Sandbox User");
      user.put("first_name", "Sandbox");
      user.put("last_name", "User");
      user.put("initials", "SU");
      user.put("email", "sandbox.user@example.com");
      user.put("locale", "en-GB");
      user.put("created_at", since);
      user.put("updated_at", since);
      return ApiResponse.ok(user);
    }
    if (seg.length == 1) {
      List<ObjectNode> items = new ArrayList<>();
      userBusinesses.get().forEach(b -> items.add(SageJson.link(b.id, b.name, "businesses")));
      ObjectNode env = SageJson.MAPPER.createObjectNode();
      env.put("$total", items.size());
      env.put("$page", 1);
      env.putNull("$next");
      env.putNull("$back");
      env.put("$items_per_page", Integer.MAX_VALUE);
      env.putArray("$items").addAll(items);
      return ApiResponse.ok(env);
    }
    String id = seg[1].equals("lead") ? leadBusinessId.get() : seg[1];
    SandboxBusiness b = businesses.get(id);
    return b == null ? notFound() : ApiResponse.ok(b.businessJson());
  }

  // ---- helpers ------------------------------------------------------------------------------

  static ApiResponse notFound() {
    return ApiResponse.error(404, "RecordNotFound", "Couldn't find record.", "");
  }

  /** An operation the business's edition does not offer; see {@link Edition} for the choice. */
  static ApiResponse notInEdition() {
    return ApiResponse.error(
        403,
        "MultiUserAccessDenied",
        "The current user is not allowed to access that resource with that method.",
        "");
  }

  static ApiResponse methodNotAllowed() {
    return ApiResponse.error(
        405, "MethodNotAllowed", "The method is not allowed for this resource.", "");
  }

  private static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String a = authorization.trim();
    if (a.length() > 7 && a.substring(0, 7).equalsIgnoreCase("bearer ")) {
      return a.substring(7).trim();
    }
    return null;
  }

  private static String lower(String s) {
    return s == null || s.isBlank() ? null : s.toLowerCase(Locale.ROOT);
  }

  private static boolean contains(String haystack, String lowerNeedle) {
    return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
  }
}
