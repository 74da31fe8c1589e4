package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.payment.SageContactAllocationDraft;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.core.product.CatalogItemKind;
import io.ledgerbridge.core.product.SageCatalogItemDraft;
import io.ledgerbridge.core.product.SageStockMovementDraft;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.reference.ReferenceData.BankAccount;
import io.ledgerbridge.core.reference.ReferenceData.LedgerAccount;
import io.ledgerbridge.core.reference.ReferenceData.TaxRate;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.ExchangeLog;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * {@link AccountingGateway} over Sage's REST API v3.1. Every call carries the bearer token, {@code
 * X-Business} and {@code Accept: application/json}. A 401 renews the access token and repeats that
 * one call once; any other failure is classified and thrown, never retried here.
 */
final class SageAccountingGateway implements AccountingGateway {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int ITEMS_PER_PAGE = 200;
  private static final int MAX_PAGES = 100;

  private final SageHttp http;
  private final SageTokenManager tokens;
  private final SageRequestBodies bodies;
  private final SageErrors errors;
  private final ObjectMapper json;

  SageAccountingGateway(
      SageHttp http, SageTokenManager tokens, SageRequestBodies bodies, ObjectMapper json) {
    this.http = http;
    this.tokens = tokens;
    this.bodies = bodies;
    this.json = json;
    this.errors = new SageErrors(json);
  }

  @Override
  public Optional<SageRef> findContactByReference(SageConnection sage, String reference) {
    requireConnection(sage);
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException("reference must not be blank");
    }
    SageOperation op = SageOperation.FIND_CONTACT;
    HttpUrl url =
        listUrl(sage, "/contacts")
            .addQueryParameter("contact_type_id", "CUSTOMER")
            .addQueryParameter("search", reference)
            .addQueryParameter("attributes", "reference")
            .addQueryParameter("items_per_page", Integer.toString(ITEMS_PER_PAGE))
            .build();
    AtomicReference<SageRef> found = new AtomicReference<>();
    scan(
        sage,
        op,
        url,
        (page, item) -> {
          if (reference.equals(item.path("reference").asText(null))) {
            found.set(ref(op, page, item));
            return true;
          }
          return false;
        });
    return Optional.ofNullable(found.get());
  }

  @Override
  public SageRef createContact(SageConnection sage, SageContactDraft draft, String idempotencyId) {
    requireConnection(sage);
    String body = renderContact(draft, idempotencyId);
    SageOperation op = SageOperation.CREATE_CONTACT;
    try {
      return created(op, call(sage, op, apiUrl(sage, "/contacts"), body));
    } catch (PermanentGatewayException e) {
      if (e.errorClass() == ErrorClass.VALIDATION && errors.isReferenceTaken(e.responseBody())) {
        throw new PermanentGatewayException(
            e.system(),
            e.operation(),
            e.httpStatus(),
            e.requestId(),
            ErrorClass.VALIDATION,
            "contact reference "
                + draft.reference()
                + " is reserved by a deleted Sage contact"
                + " (or by a supplier): restore it in Sage, or change the reference of the Sage"
                + " contact holding it, then retry the run. "
                + e.getMessage(),
            e.responseBody(),
            e);
      }
      throw e;
    }
  }

  @Override
  public SageRef updateContact(SageConnection sage, String contactId, SageContactDraft draft) {
    requireConnection(sage);
    if (contactId == null || !contactId.matches("[0-9a-fA-F]{1,64}")) {
      throw new IllegalArgumentException("not a Sage contact id: " + contactId);
    }
    String body = renderContactUpdate(draft);
    SageOperation op = SageOperation.UPDATE_CONTACT;
    return created(op, call(sage, op, apiUrl(sage, "/contacts/" + contactId), body, "PUT"));
  }

  @Override
  public String renderContactUpdate(SageContactDraft draft) {
    return bodies.contactUpdate(draft);
  }

  @Override
  public SageRef createSalesInvoice(
      SageConnection sage, SageInvoiceDraft draft, String idempotencyId) {
    requireConnection(sage);
    Objects.requireNonNull(draft, "draft");
    if (draft.contactId() == null || draft.contactId().isBlank()) {
      throw new IllegalArgumentException("the invoice draft has no contact id yet");
    }
    String body = renderSalesInvoice(draft, idempotencyId);
    SageOperation op = SageOperation.CREATE_SALES_INVOICE;
    return created(op, call(sage, op, apiUrl(sage, "/sales_invoices"), body));
  }

  @Override
  public String renderSalesInvoice(SageInvoiceDraft draft, String idempotencyId) {
    return bodies.salesInvoice(draft, idempotencyId);
  }

  @Override
  public String renderContact(SageContactDraft draft, String idempotencyId) {
    return bodies.contact(draft, idempotencyId);
  }

  @Override
  public SageDocumentBalance salesInvoice(SageConnection sage, String id) {
    return balance(sage, SageOperation.FETCH_SALES_INVOICE, "/sales_invoices/", id);
  }

  @Override
  public SageDocumentBalance salesCreditNote(SageConnection sage, String id) {
    return balance(sage, SageOperation.FETCH_SALES_CREDIT_NOTE, "/sales_credit_notes/", id);
  }

  @Override
  public SageRef createSalesCreditNote(
      SageConnection sage, SageCreditNoteDraft draft, String idempotencyId) {
    requireConnection(sage);
    Objects.requireNonNull(draft, "draft");
    if (draft.contactId() == null || draft.contactId().isBlank()) {
      throw new IllegalArgumentException("the credit note draft has no contact id yet");
    }
    String body = renderSalesCreditNote(draft, idempotencyId);
    SageOperation op = SageOperation.CREATE_SALES_CREDIT_NOTE;
    return created(op, call(sage, op, apiUrl(sage, "/sales_credit_notes"), body));
  }

  @Override
  public String renderSalesCreditNote(SageCreditNoteDraft draft, String idempotencyId) {
    return bodies.salesCreditNote(draft, idempotencyId);
  }

  @Override
  public SageRef createContactPayment(
      SageConnection sage, SageContactPaymentDraft draft, String idempotencyId) {
    requireConnection(sage);
    String body = renderContactPayment(draft, idempotencyId);
    SageOperation op = SageOperation.CREATE_CONTACT_PAYMENT;
    return created(op, call(sage, op, apiUrl(sage, "/contact_payments"), body));
  }

  @Override
  public String renderContactPayment(SageContactPaymentDraft draft, String idempotencyId) {
    return bodies.contactPayment(draft, idempotencyId);
  }

  @Override
  public SagePayment contactPayment(SageConnection sage, String id) {
    requireConnection(sage);
    SageOperation op = SageOperation.FETCH_CONTACT_PAYMENT;
    SageHttp.Answer answer = call(sage, op, apiUrl(sage, "/contact_payments/" + pathId(id)), null);
    JsonNode node = readJson(op, answer);
    String bank = linkId(node, "bank_account");
    if (bank == null) {
      throw SageErrors.unreadable(
          op,
          answer.status(),
          answer.requestId(),
          "payment without bank_account",
          answer.body(),
          null);
    }
    return new SagePayment(ref(op, answer, node).id(), bank, linkId(node, "payment_method"));
  }

  /**
   * Posts the allocation. Sage Start has no {@code POST /contact_allocations} (SAGE §2.5); Sage
   * refuses it there with 403 or 404. Either answer, unless its envelope names a record problem of
   * this request ({@code RecordNotFound}, {@code RecordInvalid}), means "allocations are not
   * available here" and returns empty.
   */
  @Override
  public Optional<SageRef> createContactAllocation(
      SageConnection sage, SageContactAllocationDraft draft, String idempotencyId) {
    requireConnection(sage);
    String body = renderContactAllocation(draft, idempotencyId);
    SageOperation op = SageOperation.CREATE_CONTACT_ALLOCATION;
    try {
      return Optional.of(created(op, call(sage, op, apiUrl(sage, "/contact_allocations"), body)));
    } catch (PermanentGatewayException e) {
      if ((e.httpStatus() == 403 || e.httpStatus() == 404)
          && !errors.namesRecordProblem(e.responseBody())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public String renderContactAllocation(SageContactAllocationDraft draft, String idempotencyId) {
    return bodies.contactAllocation(draft, idempotencyId);
  }

  /**
   * The first active entry of {@code GET /product_sales_price_types} (or {@code
   * /service_rate_types}) in Sage's order. D-INVENT warns that the names can be changed by the
   * user, so the type is never chosen by its name.
   */
  @Override
  public Optional<String> salesPriceTypeId(SageConnection sage, CatalogItemKind kind) {
    requireConnection(sage);
    Objects.requireNonNull(kind, "kind");
    SageOperation op = SageOperation.FETCH_PRICE_TYPES;
    String path =
        kind == CatalogItemKind.SERVICE ? "/service_rate_types" : "/product_sales_price_types";
    AtomicReference<String> found = new AtomicReference<>();
    scan(
        sage,
        op,
        listUrl(sage, path)
            .addQueryParameter("attributes", "active")
            .addQueryParameter("items_per_page", Integer.toString(ITEMS_PER_PAGE))
            .build(),
        (page, item) -> {
          if (item.path("active").asBoolean(true)) {
            found.set(id(op, page, item));
            return true;
          }
          return false;
        });
    return Optional.ofNullable(found.get());
  }

  @Override
  public SageRef createCatalogItem(
      SageConnection sage, SageCatalogItemDraft draft, String idempotencyId) {
    requireConnection(sage);
    String body = renderCatalogItem(draft, idempotencyId);
    SageOperation op = createOperation(draft.kind());
    try {
      return created(op, call(sage, op, apiUrl(sage, collection(draft.kind())), body));
    } catch (PermanentGatewayException e) {
      throw notInEdition(sage, op, e, draft.kind());
    }
  }

  @Override
  public String renderCatalogItem(SageCatalogItemDraft draft, String idempotencyId) {
    return bodies.catalogItem(draft, idempotencyId);
  }

  @Override
  public SageRef updateCatalogItem(SageConnection sage, String id, SageCatalogItemDraft draft) {
    requireConnection(sage);
    String body = renderCatalogItemUpdate(draft);
    SageOperation op = updateOperation(draft.kind());
    try {
      return created(
          op,
          call(sage, op, apiUrl(sage, collection(draft.kind()) + "/" + pathId(id)), body, "PUT"));
    } catch (PermanentGatewayException e) {
      throw notInEdition(sage, op, e, draft.kind());
    }
  }

  @Override
  public String renderCatalogItemUpdate(SageCatalogItemDraft draft) {
    return bodies.catalogItemUpdate(draft);
  }

  /**
   * Searches {@code /products} (non-stock products and stock items, told apart by {@code
   * catalog_item_type}), then {@code /services}, for an item code equal to {@code itemCode}
   * ignoring case; Sage's {@code search} also matches parts of codes and descriptions.
   */
  @Override
  public Optional<SageCatalogItem> findCatalogItem(SageConnection sage, String itemCode) {
    requireConnection(sage);
    if (itemCode == null || itemCode.isBlank()) {
      throw new IllegalArgumentException("itemCode must not be blank");
    }
    SageOperation op = SageOperation.FIND_CATALOG_ITEM;
    AtomicReference<SageCatalogItem> found = new AtomicReference<>();
    for (String path : List.of("/products", "/services")) {
      scan(
          sage,
          op,
          listUrl(sage, path)
              .addQueryParameter("search", itemCode)
              .addQueryParameter("attributes", "item_code,notes,catalog_item_type")
              .addQueryParameter("items_per_page", Integer.toString(ITEMS_PER_PAGE))
              .build(),
          (page, item) -> {
            String code = text(item, "item_code");
            if (code == null || !code.equalsIgnoreCase(itemCode)) {
              return false;
            }
            CatalogItemKind kind =
                path.equals("/services")
                    ? CatalogItemKind.SERVICE
                    : "STOCK_ITEM".equals(linkId(item, "catalog_item_type"))
                        ? CatalogItemKind.STOCK_ITEM
                        : CatalogItemKind.PRODUCT;
            SageRef ref = ref(op, page, item);
            found.set(
                new SageCatalogItem(ref.id(), kind, code, text(item, "notes"), ref.displayedAs()));
            return true;
          });
      if (found.get() != null) {
        return Optional.of(found.get());
      }
    }
    return Optional.empty();
  }

  @Override
  public BigDecimal stockItemQuantity(SageConnection sage, String stockItemId) {
    requireConnection(sage);
    SageOperation op = SageOperation.FETCH_STOCK_ITEM;
    SageHttp.Answer answer;
    try {
      answer = call(sage, op, apiUrl(sage, "/stock_items/" + pathId(stockItemId)), null);
    } catch (PermanentGatewayException e) {
      throw notInEdition(sage, op, e, CatalogItemKind.STOCK_ITEM);
    }
    BigDecimal quantity = decimal(op, answer, readJson(op, answer), "quantity_in_stock");
    if (quantity == null) {
      throw SageErrors.unreadable(
          op,
          answer.status(),
          answer.requestId(),
          "stock item without quantity_in_stock",
          answer.body(),
          null);
    }
    return quantity;
  }

  @Override
  public SageRef createStockMovement(
      SageConnection sage, SageStockMovementDraft draft, String idempotencyId) {
    requireConnection(sage);
    String body = renderStockMovement(draft, idempotencyId);
    SageOperation op = SageOperation.CREATE_STOCK_MOVEMENT;
    try {
      return created(op, call(sage, op, apiUrl(sage, "/stock_movements"), body));
    } catch (PermanentGatewayException e) {
      throw notInEdition(sage, op, e, CatalogItemKind.STOCK_ITEM);
    }
  }

  @Override
  public String renderStockMovement(SageStockMovementDraft draft, String idempotencyId) {
    return bodies.stockMovement(draft, idempotencyId);
  }

  private static String collection(CatalogItemKind kind) {
    return "/" + kind.code() + "s";
  }

  private static SageOperation createOperation(CatalogItemKind kind) {
    switch (kind) {
      case PRODUCT:
        return SageOperation.CREATE_PRODUCT;
      case SERVICE:
        return SageOperation.CREATE_SERVICE;
      default:
        return SageOperation.CREATE_STOCK_ITEM;
    }
  }

  private static SageOperation updateOperation(CatalogItemKind kind) {
    switch (kind) {
      case PRODUCT:
        return SageOperation.UPDATE_PRODUCT;
      case SERVICE:
        return SageOperation.UPDATE_SERVICE;
      default:
        return SageOperation.UPDATE_STOCK_ITEM;
    }
  }

  /**
   * A 403 on a catalogue or inventory operation may mean the business's edition does not offer it
   * rather than missing rights (SAGE §1.8; the sandbox's {@code Edition}): stock items and stock
   * movements are Accounting Plus only, product and service writes are not in Start. The business's
   * active subscription ({@code GET /businesses/{id}}, SAGE §1.6) tells which: an edition without
   * the operation turns the refusal into a permanent validation failure naming the edition; any
   * other answer (Plus, an unknown subscription, no business record) leaves {@code e} as it was.
   */
  private PermanentGatewayException notInEdition(
      SageConnection sage, SageOperation op, PermanentGatewayException e, CatalogItemKind kind) {
    if (e.httpStatus() != 403) {
      return e;
    }
    Optional<Subscription> subscription = activeSubscription(sage);
    if (subscription.isEmpty()) {
      return e;
    }
    String id = subscription.get().id();
    String edition = subscription.get().edition();
    boolean start = id.equals("START") || id.equals("MICRO");
    boolean standard = id.equals("ACCOUNTS") || id.equals("ACCOUNTING_10");
    String message;
    if (kind == CatalogItemKind.STOCK_ITEM && (start || standard)) {
      message =
          edition
              + " (subscription "
              + id
              + ") has no inventory: stock items and stock movements are Sage Accounting Plus"
              + " only. Turn sync_stock off for this binding (its products then go to Sage as"
              + " non-stock products), or move the Sage business to Accounting Plus, then retry";
    } else if (start) {
      message =
          edition
              + " (subscription "
              + id
              + ") cannot create or update products and services (Accounting Plus and Standard"
              + " only). Turn sync_products off for this binding, or move the Sage business to"
              + " Accounting Standard or Plus, then retry";
    } else {
      return e;
    }
    return new PermanentGatewayException(
        SageErrors.SYSTEM,
        op.code(),
        e.httpStatus(),
        e.requestId(),
        ErrorClass.VALIDATION,
        message,
        e.responseBody(),
        e);
  }

  /**
   * The id and name of the business's active subscription whose id names an edition (SAGE §1.6:
   * {@code ACCOUNTING} Plus, {@code ACCOUNTS}/{@code ACCOUNTING_10} Standard, {@code START}/{@code
   * MICRO} Start); empty when Sage does not say, or cannot be asked.
   */
  private Optional<Subscription> activeSubscription(SageConnection sage) {
    SageOperation op = SageOperation.FETCH_BUSINESS;
    JsonNode business;
    try {
      business =
          readJson(op, call(sage, op, apiUrl(sage, "/businesses/" + sage.businessId()), null));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    for (JsonNode s : business.path("subscriptions")) {
      String id = text(s, "id");
      if (id == null || !s.path("active").asBoolean(true)) {
        continue;
      }
      String name;
      switch (id) {
        case "ACCOUNTING":
          name = "Accounting Plus";
          break;
        case "ACCOUNTS":
        case "ACCOUNTING_10":
          name = "Accounting Standard";
          break;
        case "START":
        case "MICRO":
          name = "Accounting Start";
          break;
        default:
          continue;
      }
      String shown = text(s, "displayed_as");
      shown = shown == null ? name : shown;
      return Optional.of(new Subscription(id, shown.startsWith("Sage ") ? shown : "Sage " + shown));
    }
    return Optional.empty();
  }

  /** A business's subscription: its id and the edition's name ({@code Sage Accounting Start}). */
  private record Subscription(String id, String edition) {}

  /** {@code GET {path}{id}}: the document's contact, currency, rate, total and outstanding. */
  private SageDocumentBalance balance(
      SageConnection sage, SageOperation op, String path, String id) {
    requireConnection(sage);
    SageHttp.Answer answer = call(sage, op, apiUrl(sage, path + pathId(id)), null);
    JsonNode node = readJson(op, answer);
    String contact = linkId(node, "contact");
    BigDecimal total = decimal(op, answer, node, "total_amount");
    BigDecimal outstanding = decimal(op, answer, node, "outstanding_amount");
    if (contact == null || total == null || outstanding == null) {
      throw SageErrors.unreadable(
          op,
          answer.status(),
          answer.requestId(),
          "document without contact, total_amount or outstanding_amount",
          answer.body(),
          null);
    }
    SageRef ref = ref(op, answer, node);
    return new SageDocumentBalance(
        ref.id(),
        ref.displayedAs(),
        contact,
        linkId(node, "currency"),
        decimal(op, answer, node, "exchange_rate"),
        total,
        outstanding,
        linkId(node, "status"));
  }

  /** A Sage id as one path segment (ids are 32 hex characters; anything else is refused). */
  private static String pathId(String id) {
    if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("not a Sage id: " + id);
    }
    return id;
  }

  /**
   * Financial settings first (the base currency is required), then the business (its country, when
   * Sage answers), then every list, each followed through all its pages. Any failure fails the
   * whole fetch with its own classification, so a cache is only ever replaced by a complete set.
   */
  @Override
  public void keepAlive(SageConnection sage) {
    tokens.refreshNow(sage);
  }

  @Override
  public ReferenceData fetchReferenceData(SageConnection sage, Instant now) {
    requireConnection(sage);
    Objects.requireNonNull(now, "now");
    String baseCurrency = baseCurrency(sage);
    String country = businessCountry(sage);
    String perPage = Integer.toString(ITEMS_PER_PAGE);

    List<TaxRate> taxRates = new ArrayList<>();
    SageOperation taxOp = SageOperation.FETCH_TAX_RATES;
    scan(
        sage,
        taxOp,
        listUrl(sage, "/tax_rates")
            .addQueryParameter("usage", "sales")
            .addQueryParameter("attributes", "percentage,name")
            .addQueryParameter("items_per_page", perPage)
            .build(),
        (page, item) -> {
          taxRates.add(
              new TaxRate(
                  id(taxOp, page, item),
                  text(item, "displayed_as"),
                  decimal(taxOp, page, item, "percentage")));
          return false;
        });

    Map<String, LedgerAccount> ledgerAccounts = new LinkedHashMap<>();
    scanLedgerAccounts(sage, "sales", ledgerAccounts);
    scanLedgerAccounts(sage, "expenses", ledgerAccounts);

    List<BankAccount> bankAccounts = new ArrayList<>();
    SageOperation bankOp = SageOperation.FETCH_BANK_ACCOUNTS;
    scan(
        sage,
        bankOp,
        listUrl(sage, "/bank_accounts")
            .addQueryParameter("attributes", "currency,bank_account_details")
            .addQueryParameter("items_per_page", perPage)
            .build(),
        (page, item) -> {
          String currency = linkId(item, "currency");
          // Sage leaves currency null on accounts kept in the base currency
          bankAccounts.add(
              new BankAccount(
                  id(bankOp, page, item),
                  text(item, "displayed_as"),
                  currency == null ? baseCurrency : currency));
          return false;
        });

    List<String> currencies = new ArrayList<>();
    SageOperation currencyOp = SageOperation.FETCH_CURRENCIES;
    scan(
        sage,
        currencyOp,
        listUrl(sage, "/currencies").addQueryParameter("items_per_page", perPage).build(),
        (page, item) -> {
          currencies.add(id(currencyOp, page, item));
          return false;
        });

    return new ReferenceData(
        baseCurrency,
        country,
        taxRates,
        List.copyOf(ledgerAccounts.values()),
        bankAccounts,
        currencies,
        now);
  }

  /** {@code base_currency.id} of {@code GET /financial_settings}; without it nothing is usable. */
  private String baseCurrency(SageConnection sage) {
    SageOperation op = SageOperation.FETCH_FINANCIAL_SETTINGS;
    SageHttp.Answer answer = call(sage, op, apiUrl(sage, "/financial_settings"), null);
    String base = linkId(readJson(op, answer), "base_currency");
    if (base == null) {
      throw SageErrors.unreadable(
          op,
          answer.status(),
          answer.requestId(),
          "financial settings without base_currency",
          answer.body(),
          null);
    }
    return base;
  }

  /**
   * {@code country.id} of {@code GET /businesses/{id}}; null when Sage does not show this user the
   * business record (403, 404) or the record has no country. Transient failures still fail.
   */
  private String businessCountry(SageConnection sage) {
    SageOperation op = SageOperation.FETCH_BUSINESS;
    SageHttp.Answer answer;
    try {
      answer = call(sage, op, apiUrl(sage, "/businesses/" + sage.businessId()), null);
    } catch (PermanentGatewayException e) {
      if (e.httpStatus() == 403 || e.httpStatus() == 404) {
        return null;
      }
      throw e;
    }
    return linkId(readJson(op, answer), "country");
  }

  /**
   * Adds the accounts visible in {@code visibleIn} ({@code sales} or {@code expenses}) to {@code
   * into}; an account met in both lists is visible in both. Sage's own {@code visible_in_*} flags,
   * when present, count too.
   */
  private void scanLedgerAccounts(
      SageConnection sage, String visibleIn, Map<String, LedgerAccount> into) {
    SageOperation op = SageOperation.FETCH_LEDGER_ACCOUNTS;
    boolean sales = visibleIn.equals("sales");
    HttpUrl url =
        listUrl(sage, "/ledger_accounts")
            .addQueryParameter("visible_in", visibleIn)
            .addQueryParameter("attributes", "nominal_code,visible_in_sales,visible_in_expenses")
            .addQueryParameter("items_per_page", Integer.toString(ITEMS_PER_PAGE))
            .build();
    scan(
        sage,
        op,
        url,
        (page, item) -> {
          String id = id(op, page, item);
          LedgerAccount seen = into.get(id);
          boolean inSales =
              sales
                  || item.path("visible_in_sales").asBoolean(false)
                  || (seen != null && seen.visibleInSales());
          boolean inExpenses =
              !sales
                  || item.path("visible_in_expenses").asBoolean(false)
                  || (seen != null && seen.visibleInExpenses());
          String displayed = text(item, "displayed_as");
          Integer nominal = integer(op, page, item, "nominal_code");
          into.put(
              id,
              new LedgerAccount(
                  id,
                  displayed != null || seen == null ? displayed : seen.displayedAs(),
                  nominal != null || seen == null ? nominal : seen.nominalCode(),
                  inSales,
                  inExpenses));
          return false;
        });
  }

  /** Looks at one collection item; returns true to stop the scan. */
  @FunctionalInterface
  private interface ItemVisitor {
    boolean visit(SageHttp.Answer page, JsonNode item);
  }

  /**
   * GETs {@code first} and every page after it, handing each item to {@code visitor} until it
   * stops. Pages are Sage's {@code $items} envelope (SAGE §4), followed through {@code $next}; a
   * bare JSON array (as the swagger declares) is read as one last page. Running past {@link
   * #MAX_PAGES} or meeting a {@code $next} already visited is an unreadable answer, never a silent
   * truncation.
   */
  private void scan(SageConnection sage, SageOperation op, HttpUrl first, ItemVisitor visitor) {
    Set<HttpUrl> seen = new HashSet<>();
    HttpUrl url = first;
    SageHttp.Answer answer = null;
    while (url != null) {
      if (seen.size() == MAX_PAGES || !seen.add(url)) {
        throw SageErrors.unreadable(
            op,
            answer.status(),
            answer.requestId(),
            seen.size() == MAX_PAGES
                ? "collection has more than " + MAX_PAGES + " pages"
                : "$next points back to a page already read",
            answer.body(),
            null);
      }
      answer = call(sage, op, url, null);
      JsonNode root = readTree(op, answer);
      JsonNode items = root.isArray() ? root : root.get("$items");
      if (items == null || !items.isArray()) {
        throw SageErrors.unreadable(
            op,
            answer.status(),
            answer.requestId(),
            "collection without $items",
            answer.body(),
            null);
      }
      for (JsonNode item : items) {
        if (!item.isObject()) {
          throw SageErrors.unreadable(
              op,
              answer.status(),
              answer.requestId(),
              "collection item is not an object",
              answer.body(),
              null);
        }
        if (visitor.visit(answer, item)) {
          return;
        }
      }
      JsonNode next = root.get("$next");
      url =
          next == null || !next.isTextual() || next.asText().isEmpty()
              ? null
              : follow(sage, next.asText(), first);
    }
  }

  private static String id(SageOperation op, SageHttp.Answer page, JsonNode item) {
    String id = text(item, "id");
    if (id == null) {
      throw SageErrors.unreadable(
          op, page.status(), page.requestId(), "collection item without id", page.body(), null);
    }
    return id;
  }

  /** A non-empty text field, else null. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
  }

  /** The {@code id} of a link object ({@code {"id":"GBP",...}}), or a bare id string; else null. */
  private static String linkId(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    return value.isObject() ? text(value, "id") : text(node, field);
  }

  /** A decimal Sage sends as a string ({@code "20.0"}) or a number; null when absent. */
  private static BigDecimal decimal(
      SageOperation op, SageHttp.Answer page, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.asText().trim());
      } catch (NumberFormatException e) {
        throw SageErrors.unreadable(
            op, page.status(), page.requestId(), field + " is not a decimal", page.body(), e);
      }
    }
    throw SageErrors.unreadable(
        op, page.status(), page.requestId(), field + " is not a decimal", page.body(), null);
  }

  /** An integer Sage sends as a number ({@code 4000}) or, defensively, a string; null if absent. */
  private static Integer integer(
      SageOperation op, SageHttp.Answer page, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      return null;
    }
    if (value.isInt()) {
      return value.intValue();
    }
    if (value.isTextual()) {
      try {
        return Integer.valueOf(value.asText().trim());
      } catch (NumberFormatException e) {
        throw SageErrors.unreadable(
            op, page.status(), page.requestId(), field + " is not an integer", page.body(), e);
      }
    }
    throw SageErrors.unreadable(
        op, page.status(), page.requestId(), field + " is not an integer", page.body(), null);
  }

  /** One call; on 401 the access token is renewed and the same call sent once more. */
  private SageHttp.Answer call(SageConnection sage, SageOperation op, HttpUrl url, String body) {
    return call(sage, op, url, body, body == null ? "GET" : "POST");
  }

  private SageHttp.Answer call(
      SageConnection sage, SageOperation op, HttpUrl url, String body, String method) {
    String access = tokens.accessToken(sage, null);
    SageHttp.Answer answer = logged(sage, op, url, body, method, access);
    if (answer.status() == 401) {
      String renewed = tokens.accessToken(sage, access);
      answer = logged(sage, op, url, body, method, renewed);
    }
    if (!answer.isSuccess()) {
      throw errors.forStatus(op, answer.status(), answer.body(), answer.requestId());
    }
    return answer;
  }

  /**
   * One exchange, told to the connection's {@link ExchangeLog} with its URL (no user info), method,
   * status, bodies and duration; never its headers (the access token stays here).
   */
  private SageHttp.Answer logged(
      SageConnection sage,
      SageOperation op,
      HttpUrl url,
      String body,
      String method,
      String access) {
    String verb = body == null ? "GET" : method;
    long start = System.nanoTime();
    SageHttp.Answer answer;
    try {
      answer = http.execute(op, request(sage, url, body, access, method));
    } catch (RuntimeException e) {
      tell(sage, op, url, verb, null, start, body, null);
      throw e;
    }
    tell(sage, op, url, verb, answer.status(), start, body, answer.body());
    return answer;
  }

  private static void tell(
      SageConnection sage,
      SageOperation op,
      HttpUrl url,
      String method,
      Integer status,
      long startNanos,
      String requestBody,
      String responseBody) {
    try {
      sage.exchanges()
          .record(
              new ExchangeLog.Exchange(
                  ExchangeLog.SAGE,
                  op.code(),
                  method,
                  url.newBuilder().username("").password("").build().toString(),
                  status,
                  (System.nanoTime() - startNanos) / 1_000_000L,
                  requestBody,
                  responseBody));
    } catch (RuntimeException e) {
      // the log is for people; a failure to keep an entry never fails the call
    }
  }

  private static Request request(
      SageConnection sage, HttpUrl url, String body, String access, String method) {
    Request.Builder builder =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + access)
            .header("X-Business", sage.businessId())
            .header("Accept", "application/json");
    if (body == null) {
      builder.get();
    } else {
      builder.method(method, RequestBody.create(body, JSON));
    }
    return builder.build();
  }

  private SageRef created(SageOperation op, SageHttp.Answer answer) {
    return ref(op, answer, readJson(op, answer));
  }

  private static SageRef ref(SageOperation op, SageHttp.Answer answer, JsonNode node) {
    JsonNode id = node.get("id");
    if (id == null || !id.isTextual() || id.asText().isEmpty()) {
      throw SageErrors.unreadable(
          op, answer.status(), answer.requestId(), "no id in the response", answer.body(), null);
    }
    JsonNode displayed = node.get("displayed_as");
    return new SageRef(
        id.asText(), displayed == null || displayed.isNull() ? null : displayed.asText());
  }

  /** The body as a JSON object. */
  private JsonNode readJson(SageOperation op, SageHttp.Answer answer) {
    JsonNode root = readTree(op, answer);
    if (!root.isObject()) {
      throw SageErrors.unreadable(
          op,
          answer.status(),
          answer.requestId(),
          "body is not a JSON object",
          answer.body(),
          null);
    }
    return root;
  }

  /** The body as a JSON object or array. */
  private JsonNode readTree(SageOperation op, SageHttp.Answer answer) {
    JsonNode root;
    try {
      root = json.readTree(answer.body());
    } catch (IOException e) {
      throw SageErrors.unreadable(
          op, answer.status(), answer.requestId(), "body is not JSON", answer.body(), e);
    }
    if (root == null || !(root.isObject() || root.isArray())) {
      throw SageErrors.unreadable(
          op,
          answer.status(),
          answer.requestId(),
          "body is not a JSON object",
          answer.body(),
          null);
    }
    return root;
  }

  /** {@code apiUrl} plus a path such as {@code /contacts}. */
  private static HttpUrl apiUrl(SageConnection sage, String path) {
    HttpUrl url = HttpUrl.parse(base(sage) + path);
    if (url == null) {
      throw new IllegalArgumentException("apiUrl is not an http(s) URL: " + sage.apiUrl());
    }
    return url;
  }

  private static HttpUrl.Builder listUrl(SageConnection sage, String path) {
    return apiUrl(sage, path).newBuilder();
  }

  /**
   * {@code $next} is relative to the API base, without the {@code /v3.1} prefix (SAGE §4). Sage
   * documents only that it keeps {@code items_per_page}; any query parameter of the first request
   * it leaves out (a filter, {@code attributes}) is carried over, so page 2 asks the same question.
   */
  private static HttpUrl follow(SageConnection sage, String next, HttpUrl first) {
    HttpUrl parsed = HttpUrl.parse(next);
    if (parsed == null) {
      parsed = apiUrl(sage, next.startsWith("/") ? next : "/" + next);
    }
    HttpUrl.Builder builder = parsed.newBuilder();
    for (String name : first.queryParameterNames()) {
      if (!name.equals("page") && parsed.queryParameter(name) == null) {
        for (String value : first.queryParameterValues(name)) {
          builder.addQueryParameter(name, value);
        }
      }
    }
    return builder.build();
  }

  private static String base(SageConnection sage) {
    String base = sage.apiUrl();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }

  private static void requireConnection(SageConnection sage) {
    Objects.requireNonNull(sage, "sage");
    requireText(sage.tenantId(), "tenantId");
    requireText(sage.apiUrl(), "apiUrl");
    requireText(sage.businessId(), "businessId");
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("SageConnection." + name + " must not be blank");
    }
  }
}
