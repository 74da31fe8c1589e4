package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase.AuditEntry;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role;
import io.ledgerbridge.ports.out.OperatorDirectory;
import io.ledgerbridge.ports.out.OperatorDirectory.StoredAccount;
import io.ledgerbridge.ports.out.OperatorDirectory.StoredApiToken;
import io.ledgerbridge.ports.out.OperatorDirectory.StoredSession;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OperatorDirectory} must do. */
public abstract class OperatorDirectoryContract {
  protected final MutableClock clock = MutableClock.standard();
  private OperatorDirectory directory;
  private Instant t0;

  protected abstract OperatorDirectory createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    directory = createSubject(clock);
    t0 = clock.instant();
  }

  private StoredAccount operator(String name) {
    return new StoredAccount(name, Role.OPERATOR, null, "$argon2id$hash-of-" + name, t0);
  }

  @Test
  void anAccountIsCreatedOnceAndListedByName() {
    assertThat(directory.createAccount(operator("zoe"))).isTrue();
    assertThat(directory.createAccount(operator("zoe"))).isFalse();
    assertThat(
            directory.createAccount(
                new StoredAccount("amir", Role.MERCHANT, "tenant-a", "$argon2id$x", t0)))
        .isTrue();

    assertThat(directory.accounts())
        .extracting(StoredAccount::username)
        .containsExactly("amir", "zoe");
    StoredAccount amir = directory.account("amir").orElseThrow();
    assertThat(amir.role()).isEqualTo(Role.MERCHANT);
    assertThat(amir.tenantId()).isEqualTo("tenant-a");
    assertThat(amir.createdAt()).isEqualTo(t0);
    assertThat(directory.account("nobody")).isEmpty();
  }

  @Test
  void sessionsAreFoundByHashTouchedAndPurgedWhenExpired() {
    directory.createAccount(operator("zoe"));
    directory.createSession(new StoredSession("h1", "zoe", "csrf-1", t0, t0, t0.plusSeconds(60)));
    directory.createSession(new StoredSession("h2", "zoe", "csrf-2", t0, t0, t0.plusSeconds(600)));

    StoredSession s = directory.session("h1").orElseThrow();
    assertThat(s.username()).isEqualTo("zoe");
    assertThat(s.csrfToken()).isEqualTo("csrf-1");
    assertThat(s.expiresAt()).isEqualTo(t0.plusSeconds(60));

    directory.touchSession("h1", t0.plusSeconds(30), t0.plusSeconds(90));
    assertThat(directory.session("h1").orElseThrow().lastSeenAt()).isEqualTo(t0.plusSeconds(30));
    assertThat(directory.purgeSessions(t0.plusSeconds(100))).isEqualTo(1);
    assertThat(directory.session("h1")).isEmpty();
    assertThat(directory.session("h2")).isPresent();
    directory.deleteSession("h2");
    assertThat(directory.session("h2")).isEmpty();
  }

  @Test
  void aNewPasswordEndsTheAccountsSessionsAndRemovingEndsEverything() {
    directory.createAccount(operator("zoe"));
    directory.createSession(new StoredSession("h1", "zoe", "c", t0, t0, t0.plusSeconds(600)));
    directory.createApiToken("tok-hash", "zoe", "ci", t0);

    assertThat(directory.updatePassword("zoe", "$argon2id$new")).isTrue();
    assertThat(directory.account("zoe").orElseThrow().passwordHash()).isEqualTo("$argon2id$new");
    assertThat(directory.session("h1")).isEmpty();
    assertThat(directory.apiTokenOwner("tok-hash")).hasValue("zoe");

    assertThat(directory.deleteAccount("zoe")).isTrue();
    assertThat(directory.apiTokenOwner("tok-hash")).isEmpty();
    assertThat(directory.deleteAccount("zoe")).isFalse();
    assertThat(directory.updatePassword("zoe", "x")).isFalse();
  }

  @Test
  void apiTokensAreListedByTheirHashPrefixAndRevokedOneByOne() {
    directory.createAccount(operator("zoe"));
    directory.createAccount(operator("amir"));
    String first = "a".repeat(12) + "1".repeat(52);
    String second = "b".repeat(12) + "2".repeat(52);
    directory.createApiToken(first, "zoe", "ci", t0);
    directory.createApiToken(second, "zoe", "reports", t0.plusSeconds(1));
    directory.createApiToken("c".repeat(64), "amir", null, t0);

    assertThat(directory.apiTokens("zoe"))
        .extracting(StoredApiToken::hashPrefix, StoredApiToken::label)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("aaaaaaaaaaaa", "ci"),
            org.assertj.core.groups.Tuple.tuple("bbbbbbbbbbbb", "reports"));
    assertThat(directory.deleteApiToken("amir", "aaaaaaaaaaaa")).as("not amir's").isFalse();
    assertThat(directory.deleteApiToken("zoe", "aaaaaaaaaaaa")).isTrue();
    assertThat(directory.apiTokenOwner(first)).isEmpty();
    assertThat(directory.apiTokenOwner(second)).hasValue("zoe");
    assertThat(directory.apiTokens("zoe")).hasSize(1);
  }

  @Test
  void loginFailuresAreCountedPerKeyWithinTheWindowAndCleared() {
    directory.recordLoginFailure("user:zoe", t0);
    directory.recordLoginFailure("user:zoe", t0.plusSeconds(10));
    directory.recordLoginFailure("addr:10.0.0.1", t0.plusSeconds(10));

    assertThat(directory.loginFailuresSince("user:zoe", t0)).hasSize(2);
    assertThat(directory.loginFailuresSince("user:zoe", t0.plusSeconds(5))).hasSize(1);
    directory.clearLoginFailures("user:zoe", t0);
    assertThat(directory.loginFailuresSince("user:zoe", t0)).isEmpty();
    assertThat(directory.loginFailuresSince("addr:10.0.0.1", t0)).hasSize(1);
    // clearing by age forgets every key's old failures
    directory.clearLoginFailures("-", t0.plus(Duration.ofMinutes(1)));
    assertThat(directory.loginFailuresSince("addr:10.0.0.1", t0)).isEmpty();
  }

  @Test
  void theAuditLogListsNewestFirstAndByTenant() {
    directory.appendAudit(new AuditEntry(0, t0, "zoe", "login", null, null, "from 10.0.0.1"));
    directory.appendAudit(
        new AuditEntry(0, t0.plusSeconds(1), "zoe", "console.retry", "tenant-a", "run-1", null));
    directory.appendAudit(
        new AuditEntry(0, t0.plusSeconds(2), "amir", "console.disconnect", "tenant-b", null, null));

    assertThat(directory.audit(null, 10))
        .extracting(AuditEntry::action)
        .containsExactly("console.disconnect", "console.retry", "login");
    assertThat(directory.audit("tenant-a", 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("zoe");
              assertThat(e.target()).isEqualTo("run-1");
              assertThat(e.at()).isEqualTo(t0.plusSeconds(1));
            });
    assertThat(directory.audit(null, 1)).hasSize(1);
  }
}
