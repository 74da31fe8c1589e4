package io.ledgerbridge.bench.jmh;

import io.ledgerbridge.adapter.magento.MagentoAdapter;
import io.ledgerbridge.adapter.sage.SageAdapter;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.invoice.InvoiceTranslation;
import io.ledgerbridge.core.invoice.InvoiceTranslator;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.policy.InvoicePolicy;
import io.ledgerbridge.core.policy.PolicyDecision;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.WebhookAuthenticator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-webhook and per-invoice CPU work of the chassis, each measured alone: average time per
 * operation in microseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HotPathBenchmarks {
  private static final int TOKENS = 4096;

  private WebhookAuthenticator authenticator;
  private String[] authorizations;
  private int next;
  private CanonicalInvoice invoice;
  private SyncPolicy policy;
  private SageInvoiceDraft draft;
  private AccountingGateway sage;

  @Setup(Level.Trial)
  public void setUp() {
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    authenticator =
        MagentoAdapter.webhookAuthenticator(Fixtures.bindings(), Fixtures.NEVER_REPLAYED, clock);
    authorizations = new String[TOKENS];
    for (int i = 0; i < TOKENS; i++) {
      authorizations[i] =
          "Bearer "
              + Fixtures.outboundToken(
                  Fixtures.API_KEY,
                  Fixtures.TENANT,
                  now.getEpochSecond(),
                  UUID.randomUUID().toString());
    }
    if (!(authenticator.authenticate(Fixtures.TENANT, authorizations[0])
        instanceof WebhookAuthenticator.Authenticated)) {
      throw new IllegalStateException("the pre-minted token does not verify");
    }
    invoice = MagentoAdapter.parseCanonicalInvoice(Fixtures.INVOICE_JSON);
    policy = Fixtures.policy();
    if (!(InvoicePolicy.evaluate(policy, invoice) instanceof PolicyDecision.Proceed)) {
      throw new IllegalStateException("the fixture invoice is skipped by the policy");
    }
    InvoiceTranslation t = InvoiceTranslator.translate(invoice, policy, "GB", "GBP");
    if (!(t instanceof InvoiceTranslation.Translated translated)) {
      throw new IllegalStateException("the fixture invoice does not translate: " + t);
    }
    draft = translated.invoice().withContactId("c0ffee00c0ffee00c0ffee00c0ffee00");
    sage = SageAdapter.accountingGateway(Fixtures.EMPTY_VAULT, clock);
  }

  @Benchmark
  public WebhookAuthenticator.AuthResult verifyWebhookJwt() {
    String header = authorizations[next++ & (TOKENS - 1)];
    return authenticator.authenticate(Fixtures.TENANT, header);
  }

  @Benchmark
  public CanonicalInvoice parseCanonicalInvoice() {
    return MagentoAdapter.parseCanonicalInvoice(Fixtures.INVOICE_JSON);
  }

  @Benchmark
  public PolicyDecision evaluatePolicy() {
    return InvoicePolicy.evaluate(policy, invoice);
  }

  @Benchmark
  public InvoiceTranslation translateInvoice() {
    return InvoiceTranslator.translate(invoice, policy, "GB", "GBP");
  }

  @Benchmark
  public String renderSageSalesInvoice() {
    return sage.renderSalesInvoice(draft, "595a376d9c98c7a8094d25fc30e45c7b");
  }

  /** Everything a worker does on the CPU for one invoice between the two HTTP calls. */
  @Benchmark
  public String parseEvaluateTranslateRender() {
    CanonicalInvoice parsed = MagentoAdapter.parseCanonicalInvoice(Fixtures.INVOICE_JSON);
    InvoicePolicy.evaluate(policy, parsed);
    InvoiceTranslation.Translated t =
        (InvoiceTranslation.Translated) InvoiceTranslator.translate(parsed, policy, "GB", "GBP");
    return sage.renderSalesInvoice(
        t.invoice().withContactId("c0ffee00c0ffee00c0ffee00c0ffee00"),
        "595a376d9c98c7a8094d25fc30e45c7b");
  }
}
