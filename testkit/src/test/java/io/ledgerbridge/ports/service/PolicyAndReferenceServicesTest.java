package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.reference.ReferenceData.BankAccount;
import io.ledgerbridge.core.reference.ReferenceData.LedgerAccount;
import io.ledgerbridge.core.reference.ReferenceData.TaxRate;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.InvoicePreview;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PreviewCommand;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.testkit.fake.FakeAccountingGateway;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryEntityXrefRepository;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemoryReferenceDataRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyAndReferenceServicesTest {
  private static final String TENANT = "tenant-1";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository();
  private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository(clock);
  private final InMemoryReferenceDataRepository reference = new InMemoryReferenceDataRepository();
  private final InMemoryEntityXrefRepository xrefs = new InMemoryEntityXrefRepository();
  private final FakeAccountingGateway sage = new FakeAccountingGateway();
  private ManagePolicyService manage;
  private PreviewInvoiceService preview;
  private RefreshReferenceDataService refresh;

  @BeforeEach
  void setUp() {
    bindings.add(
        new Binding(
            TENANT,
            "http://store.test",
            "http://sage.test/v3.1",
            "http://sage.test/token",
            "b".repeat(32),
            "GB",
            "GBP",
            BindingStatus.ACTIVE,
            clock.instant()),
        new BindingSecrets("master-key", "client", "secret"));
    policies.save(TENANT, SyncPolicy.defaults("ledger-4000"));
    manage = new ManagePolicyService(bindings, policies, reference);
    preview = new PreviewInvoiceService(bindings, policies, reference, xrefs, sage);
    refresh = new RefreshReferenceDataService(bindings, sage, reference, clock);
    sage.referenceData = referenceData(clock.instant());
  }

  static ReferenceData referenceData(Instant at) {
    return new ReferenceData(
        "GBP",
        "GB",
        List.of(
            new TaxRate("GB_STANDARD", "Standard 20.00%", new BigDecimal("20.0")),
            new TaxRate("GB_ZERO", "Zero Rated 0.00%", BigDecimal.ZERO)),
        List.of(
            new LedgerAccount("ledger-4000", "Sales - Products (4000)", 4000, true, false),
            new LedgerAccount("ledger-5000", "Cost of sales (5000)", 5000, false, true)),
        List.of(new BankAccount("bank-1200", "Bank Account (1200)", "GBP")),
        List.of("GBP", "EUR"),
        at);
  }

  private static Map<String, Object> knobs(String ledger) {
    Map<String, Object> k = new HashMap<>();
    k.put("default_ledger_account_id", ledger);
    k.put("default_tax_rate_id", "GB_STANDARD");
    k.put("sync_zero_value_invoices", false);
    return k;
  }

  @Test
  void savesAValidPolicyAsANewVersion() {
    refresh.refresh(TENANT);
    ManagePolicyUseCase.SaveResult r = manage.replace(TENANT, knobs("ledger-4000"));
    assertThat(r).isInstanceOf(ManagePolicyUseCase.Saved.class);
    assertThat(((ManagePolicyUseCase.Saved) r).snapshot().version()).isEqualTo(2);
    assertThat(manage.current(TENANT).policy().syncZeroValueInvoices()).isFalse();
  }

  @Test
  void rejectsALedgerAccountThatIsNotASalesAccountAndSavesNothing() {
    refresh.refresh(TENANT);
    ManagePolicyUseCase.SaveResult r = manage.replace(TENANT, knobs("ledger-5000"));
    assertThat(r).isInstanceOf(ManagePolicyUseCase.Rejected.class);
    assertThat(((ManagePolicyUseCase.Rejected) r).errors())
        .extracting(FieldError::field, FieldError::code)
        .contains(
            org.assertj.core.groups.Tuple.tuple("default_ledger_account_id", "not_in_reference"));
    assertThat(manage.current(TENANT).version()).isEqualTo(1);
  }

  @Test
  void rejectsMalformedDocumentsWithFieldErrors() {
    Map<String, Object> k = knobs("ledger-4000");
    k.put("sync_unpaid_invoices", "yes");
    k.put("no_such_knob", 1);
    ManagePolicyUseCase.SaveResult r = manage.replace(TENANT, k);
    assertThat(((ManagePolicyUseCase.Rejected) r).errors())
        .extracting(FieldError::field)
        .contains("sync_unpaid_invoices", "no_such_knob");
  }

  @Test
  void unknownTenantIsReportedNotSilentlyCreated() {
    assertThatThrownBy(() -> manage.current("nobody")).isInstanceOf(UnknownBindingException.class);
    assertThatThrownBy(() -> manage.replace("nobody", knobs("x")))
        .isInstanceOf(UnknownBindingException.class);
  }

  @Test
  void refreshStoresWhatSageReturned() {
    ReferenceData data = refresh.refresh(TENANT);
    assertThat(reference.find(TENANT)).contains(data);
    assertThat(sage.referenceFetches).isEqualTo(1);
  }

  @Test
  void dailySweepRefreshesOnlyStaleCaches() {
    ReferenceRefreshSweep sweep =
        new ReferenceRefreshSweep(bindings, reference, refresh, clock, Duration.ofDays(1));
    assertThat(sweep.sweep()).isEqualTo(1);
    clock.advance(Duration.ofHours(23));
    assertThat(sweep.sweep()).isZero();
    sage.referenceData = referenceData(clock.instant().plus(Duration.ofHours(2)));
    clock.advance(Duration.ofHours(2));
    assertThat(sweep.sweep()).isEqualTo(1);
    assertThat(sage.referenceFetches).isEqualTo(2);
  }

  @Test
  void previewShowsContactCreationAndTheInvoiceWithoutPosting() {
    InvoicePreview p =
        preview.preview(
            new PreviewCommand(TENANT, Invoices.domestic(42, 5, "GBP", "120.00"), null));
    assertThat(p.decision()).isEqualTo("proceed");
    assertThat(p.requests())
        .extracting(r -> r.method() + " " + r.path().split("\\?")[0])
        .containsExactly("GET /contacts", "POST /contacts", "POST /sales_invoices");
    assertThat(sage.createdInvoices).isEmpty();
    assertThat(sage.createdContacts).isEmpty();
  }

  @Test
  void previewUsesAKnownContactAndSaysWhenTheInvoiceWasAlreadyPosted() {
    xrefs.record(
        new EntityXref(
            TENANT, "customer", "M5", "contact:GBP", "c".repeat(32), "Jane", clock.instant()));
    InvoicePreview p =
        preview.preview(
            new PreviewCommand(TENANT, Invoices.domestic(42, 5, "GBP", "120.00"), null));
    assertThat(p.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.path()).isEqualTo("/sales_invoices"));
    xrefs.record(
        new EntityXref(
            TENANT, "invoice", "42", "sales_invoice", "d".repeat(32), "SI-9", clock.instant()));
    InvoicePreview again =
        preview.preview(
            new PreviewCommand(TENANT, Invoices.domestic(42, 5, "GBP", "120.00"), null));
    assertThat(again.requests()).isEmpty();
    assertThat(again.warnings())
        .anyMatch(w -> w.startsWith("already_posted") && w.contains("SI-9"));
  }

  @Test
  void previewOfASkippedInvoiceNamesTheReason() {
    SyncPolicy skipZero =
        SyncPolicy.defaults("ledger-4000")
            .withBehaviour(
                new SyncPolicy.SyncBehaviour(true, false, null, null, null, false, false));
    InvoicePreview p =
        preview.preview(
            new PreviewCommand(TENANT, Invoices.domestic(7, 5, "GBP", "0.00"), skipZero));
    assertThat(p.decision()).isEqualTo("skip");
    assertThat(p.reason()).isEqualTo("zero_value_invoice");
    assertThat(p.requests()).isEmpty();
  }

  @Test
  void checksAPolicyLikeASaveWithoutSavingIt() {
    refresh.refresh(TENANT);

    ManagePolicyUseCase.CheckResult good = manage.check(TENANT, knobs("ledger-4000"));
    ManagePolicyUseCase.CheckResult bad = manage.check(TENANT, knobs("ledger-5000"));

    assertThat(good).isInstanceOf(ManagePolicyUseCase.Checked.class);
    assertThat(((ManagePolicyUseCase.Checked) good).policy().syncZeroValueInvoices()).isFalse();
    assertThat(((ManagePolicyUseCase.Rejected) bad).errors())
        .extracting(FieldError::field)
        .contains("default_ledger_account_id");
    assertThat(manage.current(TENANT).version()).isEqualTo(1);
  }

  @Test
  void listsTheSavedVersionsNewestFirstAndReadsOne() {
    Instant first = clock.instant();
    clock.advance(Duration.ofMinutes(3));
    manage.replace(TENANT, knobs("ledger-4000"));

    assertThat(manage.history(TENANT))
        .extracting(v -> v.version(), v -> v.savedAt())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, first.plus(Duration.ofMinutes(3))),
            org.assertj.core.groups.Tuple.tuple(1, first));
    assertThat(manage.version(TENANT, 1).orElseThrow().policy())
        .isEqualTo(SyncPolicy.defaults("ledger-4000"));
    assertThat(manage.version(TENANT, 0)).isEmpty();
    assertThat(manage.version(TENANT, 3)).isEmpty();
    assertThatThrownBy(() -> manage.history("nobody")).isInstanceOf(UnknownBindingException.class);
  }

  @Test
  void readsTheReferenceCacheThePolicyIsCheckedAgainst() {
    assertThat(manage.reference(TENANT)).isEmpty();

    refresh.refresh(TENANT);

    assertThat(manage.reference(TENANT).orElseThrow().fetchedAt()).isEqualTo(clock.instant());
    assertThatThrownBy(() -> manage.reference("nobody"))
        .isInstanceOf(UnknownBindingException.class);
  }
}
