package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.service.BindingHealthService;
import io.ledgerbridge.ports.service.RegisterBindingService;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemoryReferenceDataRepository;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bindings page over HTTP: each binding's health (Sage access without secrets, last success,
 * reference-data age) and the refresh, pause and resume actions, each CSRF-checked, tenant-scoped
 * and audited.
 */
class BindingsConsoleTest extends HttpInHarness {
  static final String A = "tenant-a";
  static final String B = "tenant-b";
  static final String PAGE = "/dashboard/bindings";

  final InMemoryBindingRepository bindingRepo =
      new InMemoryBindingRepository(clock).with(A, "key-a").with(B, "key-b");
  final InMemoryTokenVault vault = new InMemoryTokenVault().withClock(clock);
  final InMemoryReferenceDataRepository reference = new InMemoryReferenceDataRepository();
  final FakeRefreshReferenceDataUseCase refresh = new FakeRefreshReferenceDataUseCase();
  final RegisterBindingService registration =
      new RegisterBindingService(
          bindingRepo, vault, new InMemoryPolicyRepository(clock), new InMemoryUnitOfWork());

  @Override
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    vault.replace(
        A,
        new TokenVault.SageTokens(
            "refresh-secret-a", "access-secret-a", clock.instant().plusSeconds(300)));
    reference.store(
        A, SettingsConsoleTest.referenceData(clock.instant().minus(Duration.ofHours(3))));
    refresh.bind(A, SettingsConsoleTest.referenceData(clock.instant()));
    SyncRun run =
        SyncRun.accepted(
                UUID.randomUUID(),
                A,
                EventType.INVOICE_CREATED,
                42,
                "invoice.created:42",
                1,
                clock.instant().minus(Duration.ofMinutes(30)))
            .start(clock.instant().minus(Duration.ofMinutes(30)))
            .succeed("sage-1", "SI-1", clock.instant().minus(Duration.ofMinutes(29)));
    runs.insert(run);
    return builder
        .bindingDirectory(bindingRepo::list)
        .refreshReference(refresh)
        .pauseResume(registration)
        .bindingHealth(new BindingHealthService(bindingRepo, vault, reference, runs, clock));
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(adminUri(path))
            .header("Cookie", ConsoleAuth.COOKIE + "=" + session)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private String csrf() throws Exception {
    return ConsoleForms.csrf(get(PAGE).body());
  }

  private HttpResponse<String> act(String tenant, String action) throws Exception {
    return post(PAGE + "/" + tenant + "/" + action, new ConsoleForms().add("csrf", csrf()).body());
  }

  private List<ConsoleAccessUseCase.AuditEntry> audit() {
    return access.auditLog(access.session(session).orElseThrow(), 50);
  }

  @Test
  void showsEachBindingsHealthWithoutSecrets() throws Exception {
    HttpResponse<String> page = get(PAGE);

    assertThat(page.statusCode()).isEqualTo(200);
    String rowA =
        page.body().substring(page.body().indexOf(">tenant-a<"), page.body().indexOf(">tenant-b<"));
    String rowB = page.body().substring(page.body().indexOf(">tenant-b<"));
    assertThat(rowA)
        .contains("<span class=\"chip g-connected\">connected</span>")
        .contains("2024-03-01 09:46:30Z") // last success
        .contains("3 h ago")
        .contains("Refresh reference data", "Pause")
        .doesNotContain("Resume");
    assertThat(rowB).contains("<span class=\"chip g-none\">none</span>").contains("never fetched");
    assertThat(page.body()).doesNotContain("secret");
  }

  @Test
  void aTokenNotRotatedForTooLongIsExpiringAndARevokedBindingSaysSo() throws Exception {
    clock.advance(Duration.ofDays(26));
    bindingRepo.changeStatus(B, BindingStatus.TOKEN_REVOKED);
    session = signIn(OPERATOR, PASSWORD);

    String body = get(PAGE).body();

    assertThat(body)
        .contains("<span class=\"chip g-expiring\">expiring</span>")
        .contains("<span class=\"chip g-revoked\">revoked</span>");
  }

  @Test
  void refreshesTheReferenceDataAndAuditsIt() throws Exception {
    HttpResponse<String> done = act(A, "refresh-reference");

    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body())
        .contains("Reference data of tenant-a refreshed: 3 tax rates, 2 ledger accounts");
    assertThat(audit())
        .anyMatch(e -> e.action().equals("console.refresh-reference") && A.equals(e.tenantId()));
  }

  @Test
  void aRefreshSageRefusesSaysSoAndKeepsTheCache() throws Exception {
    refresh.failWith(
        new TransientGatewayException(
            "sage", "reference.fetch", 503, null, ErrorClass.PROVIDER, "Sage is down", null, null));

    HttpResponse<String> done = act(A, "refresh-reference");

    assertThat(done.statusCode()).isEqualTo(502);
    assertThat(done.body()).contains("was not refreshed", "The cached data is unchanged");
  }

  @Test
  void refreshFromTheSettingsPageGoesBackThere() throws Exception {
    HttpResponse<String> done =
        post(
            PAGE + "/" + A + "/refresh-reference",
            new ConsoleForms().add("csrf", csrf()).add("next", "settings").body());

    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location"))
        .contains("/dashboard/settings/tenant-a?refreshed=1");
  }

  @Test
  void pausesAndResumesABindingAndAuditsBoth() throws Exception {
    HttpResponse<String> paused = act(A, "pause");

    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(paused.body()).contains("Binding tenant-a is paused");
    assertThat(bindingRepo.find(A).orElseThrow().status()).isEqualTo(BindingStatus.PAUSED);
    assertThat(get(PAGE).body()).contains("chip b-paused", "Resume");

    HttpResponse<String> resumed = act(A, "resume");

    assertThat(resumed.statusCode()).isEqualTo(200);
    assertThat(resumed.body()).contains("Binding tenant-a is active again");
    assertThat(bindingRepo.find(A).orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(audit())
        .extracting(ConsoleAccessUseCase.AuditEntry::action)
        .contains("console.pause", "console.resume");
  }

  @Test
  void resumingABindingThatIsNotPausedSaysWhatToDo() throws Exception {
    bindingRepo.changeStatus(B, BindingStatus.TOKEN_REVOKED);

    HttpResponse<String> refused = act(B, "resume");

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("reconnect it");
    assertThat(bindingRepo.find(B).orElseThrow().status()).isEqualTo(BindingStatus.TOKEN_REVOKED);
  }

  @Test
  void anActionWithoutTheCsrfTokenIsRefused() throws Exception {
    HttpResponse<String> refused = post(PAGE + "/" + A + "/pause", "csrf=wrong");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(bindingRepo.find(A).orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
  }

  @Test
  void aMerchantActsOnItsOwnBindingOnly() throws Exception {
    access.addUser("m1", ConsoleAccessUseCase.Role.MERCHANT, A, "a long password 1");
    session = signIn("m1", "a long password 1");

    String page = get(PAGE).body();
    HttpResponse<String> other = act(B, "pause");

    assertThat(page).contains(">tenant-a<").doesNotContain(">tenant-b<");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(bindingRepo.find(B).orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(act(A, "pause").statusCode()).isEqualTo(200);
  }
}
