package io.ledgerbridge.app.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.adapter.magento.MagentoAdapter;
import io.ledgerbridge.adapter.sage.SageAdapter;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.CreditMemoPreviewCommand;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.InvoicePreview;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PaymentPreviewCommand;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PlannedRequest;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PreviewCommand;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.service.PreviewInvoiceService;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryEntityXrefRepository;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemoryReferenceDataRepository;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one golden case through the dry-run preview: a fresh binding (business country and base
 * currency from {@code context.json}, default GB/GBP) whose stored policy is the base settings
 * document, the base reference data, the cross-references the context seeds, and the real Sage
 * adapter as renderer. A case's {@code policy.json} is merged over the base document (top level,
 * and one level into {@code b2c_consolidation}) and handed to the preview as the policy to try,
 * exactly as {@code preview --policy} does.
 */
final class GoldenHarness {
  static final String TENANT = "golden-tenant";
  static final String BASE_POLICY = "base-policy.json";
  static final String BASE_REFERENCE = "base-reference.json";
  private static final Instant SEEDED_AT = Instant.parse("2026-01-01T00:00:00Z");

  private GoldenHarness() {}

  /** The preview as the expected.json shape, without {@code proves}. */
  static ObjectNode run(GoldenCase c) {
    JsonNode context = c.context() == null ? GoldenJson.MAPPER.createObjectNode() : c.context();
    String country = context.path("business_country").asText("GB");
    String base = context.path("base_currency").asText("GBP");

    InMemoryBindingRepository bindings = new InMemoryBindingRepository();
    bindings.add(
        new Binding(
            TENANT,
            "https://store.example.test",
            Binding.DEFAULT_SAGE_API_URL,
            Binding.DEFAULT_SAGE_TOKEN_URL,
            "golden-business",
            country,
            base,
            BindingStatus.ACTIVE,
            SEEDED_AT),
        new BindingSecrets("golden-api-key", "golden-client", "golden-secret"));

    InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
    JsonNode baseDoc = GoldenCase.json(GoldenCase.root().resolve(BASE_POLICY));
    policies.save(TENANT, decode(baseDoc));
    SyncPolicy tried = c.policy() == null ? null : decode(merge(baseDoc, c.policy()));

    InMemoryReferenceDataRepository reference = new InMemoryReferenceDataRepository();
    if (!context.path("no_reference_data").asBoolean(false)) {
      reference.store(
          TENANT,
          referenceData(GoldenCase.json(GoldenCase.root().resolve(BASE_REFERENCE)), country, base));
    }

    InMemoryEntityXrefRepository xrefs = new InMemoryEntityXrefRepository();
    for (JsonNode x : context.path("xrefs")) {
      xrefs.record(
          new EntityXref(
              TENANT,
              x.path("store_entity_type").asText(),
              x.path("store_entity_key").asText(),
              x.path("kind").asText(),
              x.path("sage_id").asText(),
              x.path("sage_reference").asText(null),
              SEEDED_AT));
      if (x.hasNonNull("sent_digest")) {
        xrefs.recordSentDigest(
            TENANT,
            x.path("store_entity_type").asText(),
            x.path("store_entity_key").asText(),
            x.path("kind").asText(),
            x.path("sent_digest").asText());
      }
    }

    PreviewInvoiceService service =
        new PreviewInvoiceService(
            bindings,
            policies,
            reference,
            xrefs,
            new ScriptedSage(
                SageAdapter.accountingGateway(new InMemoryTokenVault(), MutableClock.standard()),
                context));
    CanonicalInvoice invoice =
        c.invoiceJson() == null ? null : MagentoAdapter.parseCanonicalInvoice(c.invoiceJson());
    InvoicePreview preview =
        switch (c.event()) {
          case "invoice.paid" ->
              service.previewPayment(
                  new PaymentPreviewCommand(
                      TENANT,
                      MagentoAdapter.parseCanonicalPayment(c.paymentJson()),
                      invoice,
                      tried));
          case "customer.upserted" ->
              service.previewCustomer(
                  new PreviewInvoiceUseCase.CustomerPreviewCommand(
                      TENANT, MagentoAdapter.parseCanonicalCustomer(c.customerJson()), tried));
          case "creditmemo.created" ->
              service.previewCreditMemo(
                  new CreditMemoPreviewCommand(
                      TENANT,
                      MagentoAdapter.parseCanonicalCreditMemo(c.creditMemoJson()),
                      invoice,
                      tried));
          default -> service.preview(new PreviewCommand(TENANT, invoice, tried));
        };
    return toJson(preview);
  }

  static ObjectNode toJson(InvoicePreview preview) {
    ObjectNode out = GoldenJson.MAPPER.createObjectNode();
    out.put("decision", preview.decision());
    out.put("reason", preview.reason());
    ArrayNode warnings = out.putArray("warnings");
    preview.warnings().forEach(warnings::add);
    ArrayNode requests = out.putArray("requests");
    for (PlannedRequest r : preview.requests()) {
      ObjectNode req = requests.addObject();
      req.put("method", r.method());
      req.put("path", r.path());
      req.put("note", r.note());
      req.set("body", r.body() == null ? null : GoldenJson.parse(r.body()));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static SyncPolicy decode(JsonNode settings) {
    Map<String, Object> doc = (Map<String, Object>) GoldenJson.plain(settings);
    PolicyCodec.Decoded decoded = PolicyCodec.decode(doc);
    if (decoded instanceof PolicyCodec.Valid v) {
      return v.policy();
    }
    throw new IllegalArgumentException(
        "golden policy document is invalid: " + ((PolicyCodec.Invalid) decoded).errors());
  }

  /** {@code override} over {@code base}: top-level keys replace, b2c_consolidation merges. */
  static JsonNode merge(JsonNode base, JsonNode override) {
    ObjectNode merged = base.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> it = override.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(PolicyCodec.B2C_CONSOLIDATION)
          && e.getValue().isObject()
          && merged.path(PolicyCodec.B2C_CONSOLIDATION).isObject()) {
        ((ObjectNode) merged.get(PolicyCodec.B2C_CONSOLIDATION)).setAll((ObjectNode) e.getValue());
      } else {
        merged.set(e.getKey(), e.getValue());
      }
    }
    return merged;
  }

  static ReferenceData referenceData(JsonNode doc, String country, String base) {
    List<ReferenceData.TaxRate> rates = new ArrayList<>();
    for (JsonNode t : doc.path("tax_rates")) {
      rates.add(
          new ReferenceData.TaxRate(
              t.path("id").asText(),
              t.path("displayed_as").asText(),
              t.hasNonNull("percentage") ? new BigDecimal(t.get("percentage").asText()) : null));
    }
    List<ReferenceData.LedgerAccount> ledgers = new ArrayList<>();
    for (JsonNode l : doc.path("ledger_accounts")) {
      ledgers.add(
          new ReferenceData.LedgerAccount(
              l.path("id").asText(),
              l.path("displayed_as").asText(),
              l.path("nominal_code").asInt(),
              l.path("visible_in_sales").asBoolean(),
              l.path("visible_in_expenses").asBoolean()));
    }
    List<ReferenceData.BankAccount> banks = new ArrayList<>();
    for (JsonNode b : doc.path("bank_accounts")) {
      banks.add(
          new ReferenceData.BankAccount(
              b.path("id").asText(), b.path("displayed_as").asText(), b.path("currency").asText()));
    }
    List<String> currencies = new ArrayList<>();
    doc.path("currencies").forEach(cur -> currencies.add(cur.asText()));
    return new ReferenceData(
        base, country, rates, ledgers, banks, currencies, Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** Keeps {@code proves} first, then the actual preview. */
  static ObjectNode withProves(String proves, ObjectNode actual) {
    Map<String, JsonNode> ordered = new LinkedHashMap<>();
    ordered.put("proves", GoldenJson.MAPPER.getNodeFactory().textNode(proves));
    actual.fields().forEachRemaining(e -> ordered.put(e.getKey(), e.getValue()));
    ObjectNode out = GoldenJson.MAPPER.createObjectNode();
    out.setAll(ordered);
    return out;
  }
}
