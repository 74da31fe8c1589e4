package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.cell;
import static io.ledgerbridge.adapter.http.in.Html.esc;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyVersionSummary;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.InvoicePreview;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PlannedRequest;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's settings page (PRODUCT §5): a binding's sync policy as seven cards of one
 * server-rendered form (sync behaviour, default mappings, payment-method map, tax-rate map,
 * commercial, multi-currency, B2C), its drop-downs filled from the binding's Sage reference cache.
 *
 * <ul>
 *   <li>{@code GET /dashboard/settings}: an operator picks a binding; a merchant is sent to its
 *       own.
 *   <li>{@code GET /dashboard/settings/{tenant}}: the form with the current policy.
 *   <li>{@code POST /dashboard/settings/{tenant}} with {@code action=preview}: what a sample
 *       invoice would become under the edited, unsaved policy; {@code action=save}: a new policy
 *       version. Either validates through {@link ManagePolicyUseCase} (the policy codec and the
 *       reference cache) and shows each problem beside its field with the submitted input kept.
 *   <li>{@code GET /dashboard/settings/{tenant}/versions}: the saved versions; {@code
 *       .../versions/{n}}: one version as its settings document (JSON).
 * </ul>
 *
 * <p>Another tenant's settings are 404 for a merchant. Saves carry the session's CSRF token and are
 * written to the audit log ({@code console.settings.save}, detail = the new version).
 */
final class SettingsConsoleHandler {
  static final String PATH = "/dashboard/settings";

  /** Empty rows each map table offers for new entries. */
  static final int EMPTY_ROWS = 3;

  /** The payment-map choice "mapped to none: leave the invoice unpaid". */
  static final String LEAVE_UNPAID = "~unpaid";

  private static final Logger LOG = LoggerFactory.getLogger(SettingsConsoleHandler.class);
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Supplier<List<Binding>> directory;
  private final ManagePolicyUseCase policies;
  private final PreviewInvoiceUseCase preview;
  private final Function<SyncPolicy, Map<String, Object>> encode;
  private final ConsoleAuth auth;
  private final Clock clock;
  private final QuerySyncRunsUseCase query;
  private final DocumentParser<CanonicalInvoice> invoiceParser;

  /** Store invoice id a previewed copy of a synced invoice takes, so it is planned as new. */
  static final long SAMPLE_ID = 999_999_999L;

  /**
   * @param directory null: operators get no list of bindings to pick from
   * @param policies null: the page says settings are not configured
   * @param preview null: no preview button
   * @param query the runs, to find the latest synced invoice's recorded store document
   * @param invoiceParser reads that document; null: previews always use the built-in sample
   */
  SettingsConsoleHandler(
      Supplier<List<Binding>> directory,
      ManagePolicyUseCase policies,
      PreviewInvoiceUseCase preview,
      Function<SyncPolicy, Map<String, Object>> encode,
      ConsoleAuth auth,
      Clock clock,
      QuerySyncRunsUseCase query,
      DocumentParser<CanonicalInvoice> invoiceParser) {
    this.query = query;
    this.invoiceParser = invoiceParser;
    this.directory = directory;
    this.policies = policies;
    this.preview = preview;
    this.encode = encode;
    this.auth = auth;
    this.clock = clock;
  }

  static boolean matches(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  static String tenantPath(String tenant) {
    return PATH + "/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---------------------------------------------------------------- routing

  void handle(HttpCall ex, String path, Principal who) throws IOException {
    ex.setHeader("Cache-Control", "no-store");
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      if (!"GET".equals(ex.method())) {
        Exchanges.methodNotAllowed(ex, "GET");
      } else if (!who.operator() && who.tenantId() != null) {
        seeOther(ex, tenantPath(who.tenantId()));
      } else {
        pick(ex, who);
      }
      return;
    }
    String[] parts = path.substring(PATH.length() + 1).split("/", -1);
    Optional<String> tenant = Exchanges.decodeSegment(parts[0]);
    boolean shape =
        parts.length == 1
            || (parts.length == 2 && parts[1].equals("versions"))
            || (parts.length == 3 && parts[1].equals("versions") && version(parts[2]) > 0);
    if (!shape
        || tenant.isEmpty()
        || tenant.get().isBlank()
        || tenant.get().length() > WebhookHandler.MAX_TENANT_LENGTH
        || !who.sees(tenant.get())) {
      notFound(ex, who);
      return;
    }
    if (policies == null) {
      message(ex, who, 404, "Not configured", "Settings are not configured in this chassis.");
      return;
    }
    String t = tenant.get();
    try {
      if (parts.length == 1 && "GET".equals(ex.method())) {
        show(ex, who, t);
      } else if (parts.length == 1 && "POST".equals(ex.method())) {
        submit(ex, who, t);
      } else if (parts.length == 1) {
        Exchanges.methodNotAllowed(ex, "GET, POST");
      } else if (!"GET".equals(ex.method())) {
        Exchanges.methodNotAllowed(ex, "GET");
      } else if (parts.length == 2) {
        versions(ex, who, t);
      } else {
        oneVersion(ex, who, t, version(parts[2]));
      }
    } catch (UnknownBindingException e) {
      notFound(ex, who);
    }
  }

  /** A version number from the path: 1 to 999999999, else 0. */
  private static int version(String raw) {
    if (raw.isEmpty() || raw.length() > 9 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return 0;
    }
    return Integer.parseInt(raw);
  }

  // ---------------------------------------------------------------- pages

  private void pick(HttpCall ex, Principal who) throws IOException {
    StringBuilder body = new StringBuilder(2048);
    body.append("<h1>Settings</h1><p>Pick the binding whose sync policy to edit.</p>");
    if (directory == null) {
      body.append("<p class=\"muted\">This host does not list its bindings.</p>");
    } else {
      List<Binding> bindings =
          directory.get().stream().filter(b -> who.sees(b.tenantId())).toList();
      body.append(
          "<table><thead><tr><th scope=\"col\">Tenant</th><th scope=\"col\">Store</th>"
              + "<th scope=\"col\">Status</th></tr></thead><tbody>");
      if (bindings.isEmpty()) {
        body.append("<tr><td colspan=\"3\" class=\"muted\">No bindings yet.</td></tr>");
      }
      for (Binding b : bindings) {
        body.append("<tr><td><a href=\"")
            .append(esc(tenantPath(b.tenantId())))
            .append("\">")
            .append(cell(b.tenantId()))
            .append("</a></td><td>")
            .append(cell(b.magentoBaseUrl()))
            .append("</td><td>")
            .append(BindingsConsoleHandler.chip(b.status()))
            .append("</td></tr>");
      }
      body.append("</tbody></table>");
    }
    Exchanges.sendHtml(ex, 200, Html.console("Settings", who, PATH, body.toString()));
  }

  private void show(HttpCall ex, Principal who, String tenant) throws IOException {
    PolicySnapshot current;
    try {
      current = policies.current(tenant);
    } catch (IllegalStateException e) {
      message(ex, who, 409, "No policy", "Binding " + tenant + " has no sync policy yet.");
      return;
    }
    ReferenceData reference = policies.reference(tenant).orElse(null);
    String notice = null;
    Map<String, String> query;
    try {
      query = Exchanges.query(ex);
    } catch (IllegalArgumentException e) {
      query = Map.of();
    }
    int saved = version(query.getOrDefault("saved", ""));
    if (saved > 0) {
      notice = "Saved as version " + saved + ". New events are synced under it.";
    } else if ("1".equals(query.get("refreshed"))) {
      notice = "Sage reference data refreshed; the drop-downs show it.";
    }
    State state = State.of(encode.apply(current.policy()));
    render(ex, who, tenant, current.version(), reference, state, List.of(), notice, null, 200);
  }

  private void submit(HttpCall ex, Principal who, String tenant) throws IOException {
    ConsoleAuth.Form form = auth.form(ex, who);
    if (form == null) {
      return;
    }
    String action = form.first("action");
    PolicySnapshot current;
    try {
      current = policies.current(tenant);
    } catch (IllegalStateException e) {
      message(ex, who, 409, "No policy", "Binding " + tenant + " has no sync policy yet.");
      return;
    }
    ReferenceData reference = policies.reference(tenant).orElse(null);
    State state = State.of(form);
    List<FieldError> own = new ArrayList<>();
    Map<String, Object> knobs = state.knobs(own);
    if ("preview".equals(action)) {
      if (preview == null) {
        message(ex, who, 404, "Not configured", "Previews are not configured in this chassis.");
        return;
      }
      ManagePolicyUseCase.CheckResult checked = policies.check(tenant, knobs);
      List<FieldError> errors = new ArrayList<>(own);
      if (checked instanceof ManagePolicyUseCase.Rejected rejected) {
        errors.addAll(rejected.errors());
      }
      if (!errors.isEmpty()) {
        render(ex, who, tenant, current.version(), reference, state, errors, null, null, 422);
        return;
      }
      SyncPolicy tried = ((ManagePolicyUseCase.Checked) checked).policy();
      String currency = reference == null ? "GBP" : reference.baseCurrency();
      Sample sample = sample(tenant, currency);
      String shown;
      try {
        shown =
            previewSection(
                preview.preview(
                    new PreviewInvoiceUseCase.PreviewCommand(tenant, sample.invoice(), tried)),
                sample.description());
      } catch (GatewayException e) {
        LOG.warn(
            "console: settings preview failed tenant={} operation={} status={}",
            LogSafe.of(tenant),
            LogSafe.of(e.operation()),
            e.httpStatus());
        shown =
            "<p class=\"problem\" role=\"alert\">The preview needs an answer from Sage (a"
                + " lookup) and Sage did not answer as expected; try again. Nothing was saved.</p>";
      }
      render(ex, who, tenant, current.version(), reference, state, List.of(), null, shown, 200);
    } else if ("save".equals(action)) {
      if (!own.isEmpty()) {
        // the codec's problems too, so every one shows at once; nothing is saved
        List<FieldError> errors = new ArrayList<>(own);
        if (policies.check(tenant, knobs) instanceof ManagePolicyUseCase.Rejected rejected) {
          errors.addAll(rejected.errors());
        }
        render(ex, who, tenant, current.version(), reference, state, errors, null, null, 422);
        return;
      }
      ManagePolicyUseCase.SaveResult result = policies.replace(tenant, knobs);
      if (result instanceof ManagePolicyUseCase.Saved done) {
        int v = done.snapshot().version();
        auth.audit(who, "console.settings.save", tenant, "version " + v);
        LOG.info("console: policy saved tenant={} version={}", LogSafe.of(tenant), v);
        seeOther(ex, tenantPath(tenant) + "?saved=" + v);
      } else {
        List<FieldError> errors = ((ManagePolicyUseCase.Rejected) result).errors();
        render(ex, who, tenant, current.version(), reference, state, errors, null, null, 422);
      }
    } else {
      message(ex, who, 400, "Unknown action", "The form asked for neither preview nor save.");
    }
  }

  private void versions(HttpCall ex, Principal who, String tenant) throws IOException {
    List<PolicyVersionSummary> history = policies.history(tenant);
    String base = tenantPath(tenant);
    StringBuilder body = new StringBuilder(2048);
    body.append("<h1>Policy versions: ")
        .append(esc(tenant))
        .append("</h1><p><a href=\"")
        .append(esc(base))
        .append("\">Back to the settings</a></p>")
        .append(
            "<p class=\"muted\">Each save is a new version; runs keep the version they were"
                + " accepted under.</p>")
        .append("<table><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Saved at</th>")
        .append("<th scope=\"col\">Settings</th></tr></thead><tbody>");
    if (history.isEmpty()) {
      body.append("<tr><td colspan=\"3\" class=\"muted\">No saved version.</td></tr>");
    }
    boolean first = true;
    for (PolicyVersionSummary v : history) {
      body.append("<tr><td class=\"num\">")
          .append(v.version())
          .append(first ? " <span class=\"chip s-succeeded\">current</span>" : "")
          .append("</td><td>")
          .append(esc(UTC.format(v.savedAt())))
          .append("</td><td><a href=\"")
          .append(esc(base + "/versions/" + v.version()))
          .append("\">Show version ")
          .append(v.version())
          .append("</a></td></tr>");
      first = false;
    }
    body.append("</tbody></table>");
    Exchanges.sendHtml(
        ex, 200, Html.console("Policy versions " + tenant, who, PATH, body.toString()));
  }

  private void oneVersion(HttpCall ex, Principal who, String tenant, int n) throws IOException {
    Optional<PolicySnapshot> snapshot = policies.version(tenant, n);
    if (snapshot.isEmpty()) {
      notFound(ex, who);
      return;
    }
    String base = tenantPath(tenant);
    String json = Json.pretty(Json.fromJava(encode.apply(snapshot.get().policy())));
    String body =
        "<h1>Policy version "
            + n
            + ": "
            + esc(tenant)
            + "</h1><p><a href=\""
            + esc(base + "/versions")
            + "\">All versions</a> · <a href=\""
            + esc(base)
            + "\">Settings</a></p><pre>"
            + esc(json)
            + "</pre>";
    Exchanges.sendHtml(ex, 200, Html.console("Policy version " + n, who, PATH, body));
  }

  // ---------------------------------------------------------------- the form

  /** The knobs the form shows, in the seven cards. */
  private enum Kind {
    BOOL,
    TEXT,
    LIST,
    SELECT
  }

  /** Where a select's options come from. */
  private enum Source {
    TAX_RATE,
    SALES_LEDGER,
    PURCHASE_LEDGER,
    BANK,
    BANK_OR_UNPAID,
    SAGE_METHOD,
    EU_TYPE,
    NAME_PRIORITY
  }

  /**
   * @param blank label of the empty choice ({@code null}: none offered unless nothing is chosen)
   * @param blankIsNull a blank submitted value is sent as null (the knob's default or "none")
   */
  private record Field(
      String path,
      String label,
      String hint,
      Kind kind,
      Source source,
      String blank,
      boolean blankIsNull) {}

  private record MapField(
      String name, String legend, String keyLabel, String valueLabel, String hint, Source source) {}

  private record Card(String title, String intro, List<Field> fields, List<MapField> maps) {}

  private static final String B2C = PolicyCodec.B2C_CONSOLIDATION + ".";

  private static final List<Card> CARDS =
      List.of(
          new Card(
              "Sync behaviour",
              "Which store documents are synced.",
              List.of(
                  bool(PolicyCodec.SYNC_UNPAID_INVOICES, "Sync unpaid invoices", "Off: only paid"),
                  bool(
                      PolicyCodec.SYNC_ZERO_VALUE_INVOICES,
                      "Sync zero-value invoices",
                      "Off: skipped as zero_value_invoice"),
                  text(
                      PolicyCodec.SYNC_SINCE,
                      "Sync since",
                      "An ISO instant such as 2026-01-01T00:00:00Z; earlier documents are"
                          + " skipped. Empty: no limit.",
                      true),
                  new Field(
                      PolicyCodec.WEBSITE_FILTER,
                      "Website filter",
                      "Store website ids, comma separated. Empty: all websites.",
                      Kind.LIST,
                      null,
                      null,
                      true),
                  new Field(
                      PolicyCodec.STORE_FILTER,
                      "Store filter",
                      "Store view ids, comma separated. Empty: all stores.",
                      Kind.LIST,
                      null,
                      null,
                      true),
                  bool(
                      PolicyCodec.SYNC_PRODUCTS,
                      "Sync products",
                      "Products become Sage products, services and stock items"),
                  bool(
                      PolicyCodec.SYNC_STOCK,
                      "Sync stock",
                      "Stock levels follow the store (needs Sync products)")),
              List.of()),
          new Card(
              "Default mappings",
              "The Sage accounts and rates used when nothing more specific applies.",
              List.of(
                  select(
                      PolicyCodec.DEFAULT_TAX_RATE_ID,
                      "Default tax rate",
                      "For lines whose tax percentage is not in the tax-rate map",
                      Source.TAX_RATE,
                      null),
                  select(
                      PolicyCodec.ZERO_TAX_RATE_ID,
                      "Zero tax rate",
                      "For cross-border lines and untaxed shipping",
                      Source.TAX_RATE,
                      null),
                  select(
                      PolicyCodec.DEFAULT_LEDGER_ACCOUNT_ID,
                      "Sales ledger account",
                      "Every invoice line is posted to it (sales accounts only)",
                      Source.SALES_LEDGER,
                      null),
                  select(
                      PolicyCodec.DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID,
                      "Purchase ledger account",
                      "Required when products are synced",
                      Source.PURCHASE_LEDGER,
                      "(none)"),
                  select(
                      PolicyCodec.DEFAULT_BANK_ACCOUNT_ID,
                      "Default bank account",
                      "For payment methods not in the payment-method map; none: leave unpaid",
                      Source.BANK,
                      "(none: leave unpaid)")),
              List.of()),
          new Card(
              "Payment-method map",
              "Where the money of a paid invoice goes, by the store's payment method code.",
              List.of(),
              List.of(
                  new MapField(
                      PolicyCodec.PAYMENT_METHOD_MAP,
                      "Bank account by payment method",
                      "Store payment method code",
                      "Bank account",
                      "e.g. checkmo, stripe_payments; \"Leave unpaid\" keeps the invoice unpaid."
                          + " Clear both cells to remove a row.",
                      Source.BANK_OR_UNPAID),
                  new MapField(
                      PolicyCodec.SAGE_PAYMENT_METHOD_MAP,
                      "Sage payment method by payment method",
                      "Store payment method code",
                      "Sage payment method",
                      "Overrides the built-in choice of Sage payment method.",
                      Source.SAGE_METHOD))),
          new Card(
              "Tax-rate map",
              "Sage tax rates by the store's tax percentage and product tax class.",
              List.of(),
              List.of(
                  new MapField(
                      PolicyCodec.TAX_RATE_MAP,
                      "Tax rate by line percentage",
                      "Tax percentage",
                      "Sage tax rate",
                      "e.g. 20 or 5.5 (stored as 20.00, 5.50); other lines take the default rate.",
                      Source.TAX_RATE),
                  new MapField(
                      PolicyCodec.PRODUCT_TAX_CLASS_MAP,
                      "Tax rate by product tax class",
                      "Store tax class id",
                      "Sage tax rate",
                      "e.g. 2 (Taxable Goods): the rate synced products sell at.",
                      Source.TAX_RATE))),
          new Card(
              "Commercial",
              "How documents and contacts are named in Sage.",
              List.of(
                  text(
                      PolicyCodec.INVOICE_NUMBER_PREFIX,
                      "Invoice number prefix",
                      "Added once to invoice and credit-note references; at most "
                          + PolicyCodec.MAX_PREFIX
                          + " characters",
                      false),
                  select(
                      PolicyCodec.CUSTOMER_NAME_PRIORITY,
                      "Customer name priority",
                      "Which name a Sage contact takes when both are known",
                      Source.NAME_PRIORITY,
                      null)),
              List.of()),
          new Card(
              "Multi-currency",
              "EU goods or services type of cross-border invoices.",
              List.of(
                  select(
                      PolicyCodec.DEFAULT_EU_GOODS_SERVICES_TYPE,
                      "Default EU goods/services type",
                      "Used when an invoice mixes types",
                      Source.EU_TYPE,
                      null)),
              List.of(
                  new MapField(
                      PolicyCodec.PRODUCT_TYPE_EU_GOODS_MAP,
                      "Type by product type",
                      "Store product type",
                      "EU type",
                      "e.g. simple, virtual; the rows replace the built-in map as a whole.",
                      Source.EU_TYPE))),
          new Card(
              "B2C consolidation",
              "Small guest orders onto one fallback contact per currency.",
              List.of(
                  bool(B2C + PolicyCodec.B2C_ENABLED, "Consolidate B2C orders", null),
                  text(
                      B2C + PolicyCodec.B2C_FALLBACK_CONTACT_NAME,
                      "Fallback contact name",
                      null,
                      false),
                  text(
                      B2C + PolicyCodec.B2C_FALLBACK_CONTACT_EMAIL,
                      "Fallback contact email",
                      "Optional",
                      true),
                  text(
                      B2C + PolicyCodec.B2C_FALLBACK_CONTACT_REFERENCE,
                      "Fallback contact reference",
                      "1 to "
                          + PolicyCodec.MAX_FALLBACK_REFERENCE
                          + " characters A-Z, 0-9 (one more is kept for the currency initial)",
                      false),
                  text(
                      B2C + PolicyCodec.B2C_MIN_TOTAL_FOR_INDIVIDUAL,
                      "Minimum total for an individual contact",
                      "Orders with a grand total at least this get their own contact",
                      true),
                  bool(
                      B2C + PolicyCodec.B2C_ALWAYS_INDIVIDUAL_FOR_B2B,
                      "Business customers always get their own contact",
                      null)),
              List.of()));

  private static Field bool(String path, String label, String hint) {
    return new Field(path, label, hint, Kind.BOOL, null, null, false);
  }

  private static Field text(String path, String label, String hint, boolean blankIsNull) {
    return new Field(path, label, hint, Kind.TEXT, null, null, blankIsNull);
  }

  private static Field select(String path, String label, String hint, Source source, String blank) {
    return new Field(path, label, hint, Kind.SELECT, source, blank, true);
  }

  /** What the form shows: scalar values by knob path, and the rows of each map. */
  static final class State {
    final Map<String, String> values = new HashMap<>();
    final Map<String, List<String[]>> rows = new HashMap<>();

    /** The form of a saved policy's settings document. */
    static State of(Map<String, Object> doc) {
      State s = new State();
      for (Card card : CARDS) {
        for (Field f : card.fields()) {
          Object v;
          if (f.path().startsWith(B2C)) {
            Object b2c = doc.get(PolicyCodec.B2C_CONSOLIDATION);
            v = b2c instanceof Map<?, ?> m ? m.get(f.path().substring(B2C.length())) : null;
          } else {
            v = doc.get(f.path());
          }
          s.values.put(f.path(), show(v));
        }
        for (MapField m : card.maps()) {
          List<String[]> list = new ArrayList<>();
          if (doc.get(m.name()) instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
              String value = e.getValue() == null ? LEAVE_UNPAID : show(e.getValue());
              list.add(new String[] {String.valueOf(e.getKey()), value});
            }
          }
          s.rows.put(m.name(), list);
        }
      }
      return s;
    }

    /** The form as submitted: every value kept as typed (rows with both cells empty dropped). */
    static State of(ConsoleAuth.Form form) {
      State s = new State();
      for (Card card : CARDS) {
        for (Field f : card.fields()) {
          String v = form.first(f.path());
          s.values.put(f.path(), f.kind() == Kind.BOOL ? String.valueOf("true".equals(v)) : v);
        }
        for (MapField m : card.maps()) {
          List<String> keys = form.all(m.name() + ".key");
          List<String> vals = form.all(m.name() + ".value");
          List<String[]> list = new ArrayList<>();
          for (int i = 0; i < Math.max(keys.size(), vals.size()); i++) {
            String k = i < keys.size() ? keys.get(i) : "";
            String v = i < vals.size() ? vals.get(i) : "";
            if (!k.isBlank() || !v.isBlank()) {
              list.add(new String[] {k, v});
            }
          }
          s.rows.put(m.name(), list);
        }
      }
      return s;
    }

    private static String show(Object v) {
      if (v == null) {
        return "";
      }
      if (v instanceof List<?> list) {
        return String.join(", ", list.stream().map(String::valueOf).toList());
      }
      if (v instanceof BigDecimal d) {
        return d.toPlainString();
      }
      return String.valueOf(v);
    }

    /**
     * The settings document for {@link ManagePolicyUseCase}; problems only the form can have (a row
     * without a key, a key twice) are added to {@code own}, on fields {@code map#row}.
     */
    Map<String, Object> knobs(List<FieldError> own) {
      Map<String, Object> doc = new LinkedHashMap<>();
      Map<String, Object> b2c = new LinkedHashMap<>();
      for (Card card : CARDS) {
        for (Field f : card.fields()) {
          String raw = values.get(f.path());
          Object v;
          if (f.kind() == Kind.BOOL) {
            v = Boolean.valueOf("true".equals(raw));
          } else if (raw == null || raw.isBlank()) {
            v = f.kind() == Kind.LIST ? List.of() : f.blankIsNull() ? null : raw == null ? "" : raw;
          } else if (f.kind() == Kind.LIST) {
            v = ids(raw);
          } else {
            v = raw.trim();
          }
          if (f.path().startsWith(B2C)) {
            b2c.put(f.path().substring(B2C.length()), v);
          } else {
            doc.put(f.path(), v);
          }
        }
        for (MapField m : card.maps()) {
          Map<String, Object> map = new LinkedHashMap<>();
          List<String[]> list = rows.get(m.name());
          Set<String> seen = new HashSet<>();
          for (int i = 0; i < list.size(); i++) {
            String key = list.get(i)[0].trim();
            String value = list.get(i)[1].trim();
            if (key.isEmpty()) {
              own.add(
                  new FieldError(
                      m.name() + "#" + i,
                      PolicyCodec.REQUIRED,
                      "enter the " + m.keyLabel().toLowerCase(Locale.ROOT) + ", or clear the row"));
            } else if (!seen.add(canonicalKey(m.name(), key))) {
              own.add(
                  new FieldError(
                      m.name() + "#" + i,
                      PolicyCodec.INVALID_FORMAT,
                      "'" + key + "' is given in two rows"));
            } else {
              map.put(key, LEAVE_UNPAID.equals(value) ? null : value);
            }
          }
          doc.put(m.name(), map);
        }
      }
      doc.put(PolicyCodec.B2C_CONSOLIDATION, b2c);
      return doc;
    }

    /**
     * Comma or space separated ids: numbers as numbers, anything else as typed (the codec says).
     */
    private static List<Object> ids(String raw) {
      List<Object> out = new ArrayList<>();
      for (String token : raw.split("[,\\s]+")) {
        if (token.isEmpty()) {
          continue;
        }
        try {
          out.add(new BigDecimal(token));
        } catch (NumberFormatException e) {
          out.add(token);
        }
      }
      return out;
    }
  }

  /** The form of the key the codec and validator report a map entry under. */
  private static String canonicalKey(String map, String key) {
    String k = key.trim();
    String canonical = null;
    if (map.equals(PolicyCodec.TAX_RATE_MAP)) {
      canonical = PolicyCodec.canonicalPercentKey(k);
    } else if (map.equals(PolicyCodec.PRODUCT_TAX_CLASS_MAP)) {
      canonical = PolicyCodec.canonicalTaxClassKey(k);
    } else if (map.equals(PolicyCodec.PRODUCT_TYPE_EU_GOODS_MAP)) {
      canonical = k.toLowerCase(Locale.ROOT);
    }
    return canonical == null ? k : canonical;
  }

  private static String id(String path) {
    return "f-" + path.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  private static String rowId(String map, int row) {
    return id(map) + "-" + row;
  }

  /**
   * Each error's place on the form: a field's id, a map row's id, or none (listed at the top only).
   */
  private static Map<String, List<String>> place(List<FieldError> errors, State state) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (FieldError e : errors) {
      out.computeIfAbsent(target(e.field(), state), k -> new ArrayList<>()).add(e.message());
    }
    return out;
  }

  private static String target(String field, State state) {
    for (Card card : CARDS) {
      for (Field f : card.fields()) {
        if (field.equals(f.path()) || field.startsWith(f.path() + ".")) {
          return id(f.path());
        }
      }
      for (MapField m : card.maps()) {
        if (field.startsWith(m.name() + "#")) {
          return rowId(m.name(), Integer.parseInt(field.substring(m.name().length() + 1)));
        }
        if (field.startsWith(m.name() + ".")) {
          String key = field.substring(m.name().length() + 1);
          List<String[]> rows = state.rows.get(m.name());
          for (int i = 0; i < rows.size(); i++) {
            String typed = rows.get(i)[0].trim();
            if (typed.equals(key) || canonicalKey(m.name(), typed).equals(key)) {
              return rowId(m.name(), i);
            }
          }
          return id(m.name());
        }
        if (field.equals(m.name())) {
          return id(m.name());
        }
      }
    }
    return "";
  }

  private Map<Source, List<String[]>> options(ReferenceData reference) {
    Map<Source, List<String[]>> out = new HashMap<>();
    if (reference != null) {
      List<String[]> rates = new ArrayList<>();
      for (ReferenceData.TaxRate r : reference.taxRates()) {
        rates.add(
            new String[] {
              r.id(),
              r.displayedAs()
                  + (r.percentage() == null
                      ? ""
                      : " (" + r.percentage().stripTrailingZeros().toPlainString() + "%)")
            });
      }
      out.put(Source.TAX_RATE, rates);
      List<String[]> sales = new ArrayList<>();
      List<String[]> purchase = new ArrayList<>();
      for (ReferenceData.LedgerAccount a : reference.ledgerAccounts()) {
        String label = (a.nominalCode() == null ? "" : a.nominalCode() + " ") + a.displayedAs();
        if (a.visibleInSales()) {
          sales.add(new String[] {a.id(), label});
        }
        if (a.visibleInExpenses()) {
          purchase.add(new String[] {a.id(), label});
        }
      }
      out.put(Source.SALES_LEDGER, sales);
      out.put(Source.PURCHASE_LEDGER, purchase);
      List<String[]> banks = new ArrayList<>();
      for (ReferenceData.BankAccount b : reference.bankAccounts()) {
        banks.add(
            new String[] {
              b.id(), b.displayedAs() + (b.currency() == null ? "" : " (" + b.currency() + ")")
            });
      }
      out.put(Source.BANK, banks);
      List<String[]> orUnpaid = new ArrayList<>();
      orUnpaid.add(new String[] {LEAVE_UNPAID, "Leave unpaid"});
      orUnpaid.addAll(banks);
      out.put(Source.BANK_OR_UNPAID, orUnpaid);
    }
    List<String[]> methods = new ArrayList<>();
    for (String m : PolicyCodec.SAGE_PAYMENT_METHOD_IDS) {
      methods.add(new String[] {m, m});
    }
    out.put(Source.SAGE_METHOD, methods);
    out.put(
        Source.EU_TYPE,
        List.of(new String[] {"GOODS", "Goods"}, new String[] {"SERVICES", "Services"}));
    out.put(
        Source.NAME_PRIORITY,
        List.of(new String[] {"Company", "Company"}, new String[] {"Person", "Person"}));
    return out;
  }

  private void render(
      HttpCall ex,
      Principal who,
      String tenant,
      int version,
      ReferenceData reference,
      State state,
      List<FieldError> errors,
      String notice,
      String previewHtml,
      int status)
      throws IOException {
    String base = tenantPath(tenant);
    Map<Source, List<String[]>> options = options(reference);
    Map<String, List<String>> placed = place(errors, state);
    StringBuilder body = new StringBuilder(32_768);
    body.append("<h1>Settings: ").append(esc(tenant)).append("</h1>");
    body.append("<p>Current policy: version ")
        .append(version)
        .append(" · <a href=\"")
        .append(esc(base + "/versions"))
        .append("\">Version history</a></p>");
    if (reference == null) {
      body.append(
          "<p class=\"problem\">No Sage reference data is cached for this binding yet, so ids"
              + " are typed by hand and not checked against Sage. Refresh it once the binding is"
              + " connected to Sage.</p>");
    } else {
      body.append("<p class=\"muted\">Drop-downs from the Sage reference data fetched at ")
          .append(esc(UTC.format(reference.fetchedAt())))
          .append(" (")
          .append(reference.taxRates().size())
          .append(" tax rates, ")
          .append(reference.ledgerAccounts().size())
          .append(" ledger accounts, ")
          .append(reference.bankAccounts().size())
          .append(" bank accounts; base currency ")
          .append(esc(reference.baseCurrency()))
          .append(").</p>");
    }
    body.append("<form class=\"act\" method=\"post\" action=\"")
        .append(
            esc(BindingsConsoleHandler.PATH + base.substring(PATH.length()) + "/refresh-reference"))
        .append("\">")
        .append(Html.csrfField(who))
        .append("<input type=\"hidden\" name=\"next\" value=\"settings\">")
        .append("<button type=\"submit\">Refresh reference data</button></form>");
    if (notice != null) {
      body.append("<p class=\"notice\" role=\"status\">").append(esc(notice)).append("</p>");
    }
    if (!errors.isEmpty()) {
      body.append("<div class=\"problem\" role=\"alert\" id=\"problems\"><p><strong>")
          .append(errors.size() == 1 ? "1 problem" : errors.size() + " problems")
          .append(": nothing was saved.</strong> Each is shown beside its field.</p><ul>");
      for (FieldError e : errors) {
        String where = target(e.field(), state);
        body.append("<li>");
        if (!where.isEmpty()) {
          body.append("<a href=\"#").append(esc(where)).append("\">");
        }
        body.append(esc(e.field().replace('#', ' '))).append(": ").append(esc(e.message()));
        body.append(where.isEmpty() ? "" : "</a>")
            .append(" <span class=\"muted\">(")
            .append(esc(e.code()))
            .append(")</span></li>");
      }
      body.append("</ul></div>");
    }
    if (previewHtml != null) {
      body.append(previewHtml);
    }
    body.append("<form method=\"post\" action=\"")
        .append(esc(base))
        .append("\" class=\"settings\" novalidate>")
        .append(Html.csrfField(who));
    for (Card card : CARDS) {
      String cardId = id("card-" + card.title().toLowerCase(Locale.ROOT));
      body.append("<section class=\"card\" aria-labelledby=\"")
          .append(cardId)
          .append("\"><h2 id=\"")
          .append(cardId)
          .append("\">")
          .append(esc(card.title()))
          .append("</h2><p class=\"muted\">")
          .append(esc(card.intro()))
          .append("</p>");
      for (Field f : card.fields()) {
        field(body, f, state.values.get(f.path()), options, placed.get(id(f.path())));
      }
      for (MapField m : card.maps()) {
        mapTable(body, m, state.rows.get(m.name()), options, placed);
      }
      body.append("</section>");
    }
    body.append("<p class=\"actions\">");
    if (preview != null) {
      body.append(
          "<button type=\"submit\" name=\"action\" value=\"preview\">Preview (not saved)</button>"
              + " ");
    }
    body.append(
        "<button type=\"submit\" class=\"primary\" name=\"action\" value=\"save\">"
            + "Save as a new version</button></p></form>");
    Exchanges.sendHtml(ex, status, Html.console("Settings " + tenant, who, PATH, body.toString()));
  }

  private static void field(
      StringBuilder body,
      Field f,
      String value,
      Map<Source, List<String[]>> options,
      List<String> errors) {
    String id = id(f.path());
    String v = value == null ? "" : value;
    StringBuilder describedBy = new StringBuilder();
    if (f.hint() != null) {
      describedBy.append(id).append("-hint");
    }
    if (errors != null) {
      describedBy.append(describedBy.length() == 0 ? "" : " ").append(id).append("-error");
    }
    String aria =
        (describedBy.length() == 0 ? "" : " aria-describedby=\"" + describedBy + "\"")
            + (errors != null ? " aria-invalid=\"true\"" : "");
    body.append(f.kind() == Kind.BOOL ? "<div class=\"field check\">" : "<div class=\"field\">");
    if (f.kind() == Kind.BOOL) {
      body.append("<input type=\"checkbox\" id=\"")
          .append(id)
          .append("\" name=\"")
          .append(esc(f.path()))
          .append("\" value=\"true\"")
          .append("true".equals(v) ? " checked" : "")
          .append(aria)
          .append("><label for=\"")
          .append(id)
          .append("\">")
          .append(esc(f.label()))
          .append("</label>");
    } else {
      body.append("<label for=\"")
          .append(id)
          .append("\">")
          .append(esc(f.label()))
          .append("</label>");
      List<String[]> choices = f.kind() == Kind.SELECT ? options.get(f.source()) : null;
      if (choices != null) {
        select(body, id, f.path(), v, choices, f.blank(), aria);
      } else {
        input(body, id, f.path(), v, aria);
      }
    }
    if (f.hint() != null) {
      body.append("<span class=\"hint\" id=\"")
          .append(id)
          .append("-hint\">")
          .append(esc(f.hint()))
          .append("</span>");
    }
    if (errors != null) {
      body.append("<span class=\"field-error\" id=\"")
          .append(id)
          .append("-error\">")
          .append(esc(String.join("; ", errors)))
          .append("</span>");
    }
    body.append("</div>");
  }

  private static void input(StringBuilder body, String id, String name, String value, String aria) {
    body.append("<input type=\"text\" id=\"")
        .append(id)
        .append("\" name=\"")
        .append(esc(name))
        .append("\" value=\"")
        .append(esc(value))
        .append("\"")
        .append(aria)
        .append(">");
  }

  /** A select; a value not among the choices is kept as an extra, marked choice. */
  private static void select(
      StringBuilder body,
      String id,
      String name,
      String value,
      List<String[]> choices,
      String blank,
      String aria) {
    body.append("<select id=\"")
        .append(id)
        .append("\" name=\"")
        .append(esc(name))
        .append("\"")
        .append(aria)
        .append(">");
    if (blank != null || value.isEmpty()) {
      body.append("<option value=\"\"")
          .append(value.isEmpty() ? " selected" : "")
          .append(">")
          .append(esc(blank == null ? "(choose)" : blank))
          .append("</option>");
    }
    boolean found = value.isEmpty();
    for (String[] c : choices) {
      boolean selected = c[0].equals(value);
      found |= selected;
      body.append("<option value=\"")
          .append(esc(c[0]))
          .append("\"")
          .append(selected ? " selected" : "")
          .append(">")
          .append(esc(c[1]))
          .append("</option>");
    }
    if (!found) {
      body.append("<option value=\"")
          .append(esc(value))
          .append("\" selected>")
          .append(esc(value))
          .append(" (not in Sage reference data)</option>");
    }
    body.append("</select>");
  }

  private static void mapTable(
      StringBuilder body,
      MapField m,
      List<String[]> rows,
      Map<Source, List<String[]>> options,
      Map<String, List<String>> placed) {
    String id = id(m.name());
    List<String> whole = placed.get(id);
    body.append("<fieldset class=\"map\" id=\"")
        .append(id)
        .append("\" aria-describedby=\"")
        .append(id)
        .append("-hint")
        .append(whole != null ? " " + id + "-error" : "")
        .append("\"><legend>")
        .append(esc(m.legend()))
        .append("</legend><p class=\"hint\" id=\"")
        .append(id)
        .append("-hint\">")
        .append(esc(m.hint()))
        .append("</p>");
    if (whole != null) {
      body.append("<p class=\"field-error\" id=\"")
          .append(id)
          .append("-error\">")
          .append(esc(String.join("; ", whole)))
          .append("</p>");
    }
    body.append("<table><thead><tr><th scope=\"col\">")
        .append(esc(m.keyLabel()))
        .append("</th><th scope=\"col\">")
        .append(esc(m.valueLabel()))
        .append("</th></tr></thead><tbody>");
    List<String[]> choices = options.get(m.source());
    int total = rows.size() + EMPTY_ROWS;
    for (int i = 0; i < total; i++) {
      String[] row = i < rows.size() ? rows.get(i) : new String[] {"", ""};
      String rid = rowId(m.name(), i);
      List<String> errors = placed.get(rid);
      String aria =
          errors == null ? "" : " aria-describedby=\"" + rid + "-error\" aria-invalid=\"true\"";
      body.append("<tr id=\"")
          .append(rid)
          .append("\"><td><label class=\"sr\" for=\"")
          .append(rid)
          .append("-key\">")
          .append(esc(m.keyLabel()))
          .append(", row ")
          .append(i + 1)
          .append("</label>");
      input(body, rid + "-key", m.name() + ".key", row[0], aria);
      body.append("</td><td><label class=\"sr\" for=\"")
          .append(rid)
          .append("-value\">")
          .append(esc(m.valueLabel()))
          .append(", row ")
          .append(i + 1)
          .append("</label>");
      if (choices != null) {
        select(body, rid + "-value", m.name() + ".value", row[1], choices, "", aria);
      } else {
        input(body, rid + "-value", m.name() + ".value", row[1], aria);
      }
      body.append("</td></tr>");
      if (errors != null) {
        body.append("<tr><td colspan=\"2\" class=\"field-error\" id=\"")
            .append(rid)
            .append("-error\">")
            .append(esc(String.join("; ", errors)))
            .append("</td></tr>");
      }
    }
    body.append("</tbody></table></fieldset>");
  }

  // ---------------------------------------------------------------- preview

  /**
   * The built-in sample: an open invoice of a guest in {@code currency}, two of one item at 10.00
   * with 20 % tax and 5.00 untaxed shipping (29.00 in all), for a binding with no synced invoice
   * whose store document was recorded.
   */
  static CanonicalInvoice sampleInvoice(String currency, Clock clock) {
    CanonicalAddress address =
        new CanonicalAddress(
            "billing", List.of("1 Sample Street"), "London", null, "EC1A 1AA", "GB", null);
    CanonicalContact guest =
        new CanonicalContact(
            0,
            "sample.buyer@example.com",
            "Sam",
            "Buyer",
            null,
            null,
            1,
            null,
            List.of(address),
            null,
            null);
    CanonicalLine line =
        new CanonicalLine(
            "SAMPLE-TEE",
            "Sample T-shirt",
            new BigDecimal("2"),
            new BigDecimal("10.00"),
            new BigDecimal("20.00"),
            new BigDecimal("4.00"),
            new BigDecimal("24.00"),
            new BigDecimal("20"),
            "simple");
    return new CanonicalInvoice(
        SAMPLE_ID,
        "SAMPLE-0001",
        SAMPLE_ID,
        "SAMPLE-0001",
        1,
        1,
        currency,
        InvoiceState.OPEN,
        guest,
        List.of(line),
        new BigDecimal("20.00"),
        new BigDecimal("4.00"),
        new BigDecimal("5.00"),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        new BigDecimal("29.00"),
        clock.instant(),
        "checkmo",
        address,
        new CanonicalAddress(
            "shipping", List.of("1 Sample Street"), "London", null, "EC1A 1AA", "GB", null),
        null,
        BigDecimal.ONE);
  }

  /** The invoice a preview shows, and what to tell the reader about it. */
  record Sample(CanonicalInvoice invoice, String description) {}

  /**
   * The store document of the binding's latest synced invoice (as its run recorded the store's
   * answer), re-numbered so the planner treats it as new; else the built-in sample.
   */
  Sample sample(String tenant, String currency) {
    if (query != null && invoiceParser != null) {
      try {
        List<SyncRun> latest =
            query.recent(
                new RunQuery(
                    tenant, SyncRunStatus.SUCCEEDED, EventType.INVOICE_CREATED.wire(), null, 1));
        if (!latest.isEmpty()) {
          List<SyncExchange> exchanges = query.exchanges(latest.get(0).id());
          for (int i = exchanges.size() - 1; i >= 0; i--) {
            SyncExchange e = exchanges.get(i);
            if (!"store".equals(e.system())
                || !"GET".equals(e.method())
                || e.httpStatus() == null
                || e.httpStatus() / 100 != 2
                || e.responseTruncated()
                || e.responseBody() == null) {
              continue;
            }
            CanonicalInvoice real;
            try {
              real = invoiceParser.parse(e.responseBody());
            } catch (RuntimeException notAnInvoice) {
              continue; // another GET of the attempt (a customer)
            }
            if (real == null) {
              continue;
            }
            return new Sample(
                renumbered(real),
                "Sample: store invoice "
                    + real.incrementId()
                    + " in "
                    + real.currency()
                    + ", the latest invoice synced for this binding (its document as the store"
                    + " sent it to run "
                    + latest.get(0).id()
                    + "), previewed as if it were new. Nothing was posted to Sage and nothing"
                    + " was saved.");
          }
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "console: no synced invoice to preview for tenant={}: {}",
            LogSafe.of(tenant),
            e.toString());
      }
    }
    return new Sample(
        sampleInvoice(currency, clock),
        "Sample: a built-in open invoice SAMPLE-0001 in "
            + currency
            + " (the binding's base currency; no synced invoice of this binding has a recorded"
            + " store document): a guest buys 2 × Sample T-shirt at 10.00 with 20% tax and 5.00"
            + " untaxed shipping, 29.00 in all, paid by checkmo. Nothing was posted to Sage and"
            + " nothing was saved.");
  }

  /** {@code invoice} under {@link #SAMPLE_ID}, so its own cross-reference does not answer. */
  private static CanonicalInvoice renumbered(CanonicalInvoice i) {
    return new CanonicalInvoice(
        SAMPLE_ID,
        i.incrementId(),
        i.orderId(),
        i.orderIncrementId(),
        i.websiteId(),
        i.storeId(),
        i.currency(),
        i.state(),
        i.customer(),
        i.lines(),
        i.subtotal(),
        i.taxAmount(),
        i.shippingAmount(),
        i.shippingTaxAmount(),
        i.discountAmount(),
        i.grandTotal(),
        i.createdAt(),
        i.paymentMethod(),
        i.billingAddress(),
        i.shippingAddress(),
        i.poNumber(),
        i.baseToOrderRate());
  }

  private static String previewSection(InvoicePreview result, String sample) {
    StringBuilder out = new StringBuilder(4096);
    out.append(
            "<section class=\"card preview\" aria-labelledby=\"preview-h\"><h2 id=\"preview-h\">"
                + "Preview under the edited settings (not saved)</h2>")
        .append("<p>")
        .append(esc(sample))
        .append("</p>")
        .append("<dl><dt>Decision</dt><dd><span class=\"chip\">")
        .append(esc(result.decision()))
        .append("</span></dd>");
    if (result.reason() != null) {
      out.append("<dt>Reason</dt><dd>").append(esc(result.reason())).append("</dd>");
    }
    out.append("</dl>");
    List<String> warnings = result.warnings() == null ? List.of() : result.warnings();
    if (!warnings.isEmpty()) {
      out.append("<h3>Warnings</h3><ul>");
      for (String w : warnings) {
        out.append("<li>").append(esc(w)).append("</li>");
      }
      out.append("</ul>");
    }
    List<PlannedRequest> requests = result.requests() == null ? List.of() : result.requests();
    out.append("<h3>Requests Sage would receive (").append(requests.size()).append(")</h3>");
    for (PlannedRequest r : requests) {
      out.append("<p><code>")
          .append(esc(r.method()))
          .append(" ")
          .append(esc(r.path()))
          .append("</code>")
          .append(r.note() == null ? "" : " <span class=\"muted\">" + esc(r.note()) + "</span>")
          .append("</p>");
      if (r.body() != null) {
        out.append("<pre>").append(esc(prettyBody(r.body()))).append("</pre>");
      }
    }
    out.append("</section>");
    return out.toString();
  }

  private static String prettyBody(String body) {
    try {
      var node = Json.read(body.getBytes(StandardCharsets.UTF_8));
      return node == null || node.isMissingNode() ? body : Json.pretty(node);
    } catch (IOException e) {
      return body;
    }
  }

  // ---------------------------------------------------------------- shared

  /** 303: the browser follows with a GET (post, redirect, get). */
  static void seeOther(HttpCall ex, String location) throws IOException {
    ex.setHeader("Location", location);
    ex.send(303, new byte[0]);
  }

  private static void notFound(HttpCall ex, Principal who) throws IOException {
    message(ex, who, 404, "Not found", "There is no such binding or page.");
  }

  private static void message(HttpCall ex, Principal who, int status, String title, String text)
      throws IOException {
    Exchanges.sendHtml(
        ex,
        status,
        Html.console(title, who, PATH, "<h1>" + esc(title) + "</h1><p>" + esc(text) + "</p>"));
  }
}
