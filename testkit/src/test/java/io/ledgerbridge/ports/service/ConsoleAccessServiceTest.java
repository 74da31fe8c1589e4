package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Principal;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Refused;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.SignedIn;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Throttled;
import io.ledgerbridge.ports.out.PasswordHasher;
import io.ledgerbridge.testkit.fake.InMemoryOperatorDirectory;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsoleAccessServiceTest {
  private static final String PASSWORD = "twelve chars at least";

  private final MutableClock clock = MutableClock.standard();
  private final InMemoryOperatorDirectory directory = new InMemoryOperatorDirectory();
  private final AtomicInteger verifications = new AtomicInteger();
  private final PasswordHasher hasher =
      new PasswordHasher() {
        @Override
        public String hash(String password) {
          return "plain:" + password;
        }

        @Override
        public boolean verify(String password, String encoded) {
          verifications.incrementAndGet();
          return encoded.equals("plain:" + password);
        }
      };
  private final ConsoleAccessService access =
      new ConsoleAccessService(directory, hasher, null, clock, Duration.ofMinutes(30));

  private SignedIn signIn(String user, String password) {
    return (SignedIn) access.login(user, password, "10.0.0.1");
  }

  @Test
  void aUserSignsInAndTheSessionResolvesToItsPrincipalUntilLogout() {
    access.addUser("Zoe", Role.OPERATOR, null, PASSWORD);

    SignedIn in = signIn("  zoe ", PASSWORD);
    Principal who = access.session(in.sessionToken()).orElseThrow();

    assertThat(who.username()).isEqualTo("zoe");
    assertThat(who.operator()).isTrue();
    assertThat(who.csrfToken()).isEqualTo(in.principal().csrfToken()).hasSizeGreaterThan(30);
    assertThat(directory.session(in.sessionToken())).as("only the hash is stored").isEmpty();
    access.logout(in.sessionToken());
    assertThat(access.session(in.sessionToken())).isEmpty();
  }

  @Test
  void aWrongPasswordAndAnUnknownUserAreRefusedAlikeAndBothCostAHashCheck() {
    access.addUser("zoe", Role.OPERATOR, null, PASSWORD);
    int before = verifications.get();

    assertThat(access.login("zoe", "wrong password!!", "10.0.0.1")).isInstanceOf(Refused.class);
    assertThat(access.login("nobody", PASSWORD, "10.0.0.1")).isInstanceOf(Refused.class);
    assertThat(verifications.get() - before).isEqualTo(2);
  }

  @Test
  void aSessionEndsAfterItsIdleTimeoutAndAfterTwelveHoursWhateverTheUse() {
    access.addUser("zoe", Role.OPERATOR, null, PASSWORD);
    String idle = signIn("zoe", PASSWORD).sessionToken();
    clock.advance(Duration.ofMinutes(31));
    assertThat(access.session(idle)).isEmpty();

    String busy = signIn("zoe", PASSWORD).sessionToken();
    for (int i = 0; i < 12 * 3; i++) {
      clock.advance(Duration.ofMinutes(20));
      boolean alive = access.session(busy).isPresent();
      assertThat(alive).as("after %d minutes", (i + 1) * 20).isEqualTo((i + 1) * 20 < 12 * 60);
    }
  }

  @Test
  void fiveFailuresThrottleTheUserUntilTheOldestLeavesTheWindow() {
    access.addUser("zoe", Role.OPERATOR, null, PASSWORD);
    for (int i = 0; i < ConsoleAccessService.MAX_FAILURES_PER_USER; i++) {
      access.login("zoe", "wrong " + i, "10.0.0." + i);
      clock.advance(Duration.ofSeconds(10));
    }
    int before = verifications.get();

    var throttled = access.login("zoe", PASSWORD, "10.9.9.9");
    assertThat(throttled).isInstanceOf(Throttled.class);
    assertThat(((Throttled) throttled).retryAfter()).isEqualTo(Duration.ofSeconds(15 * 60 - 50));
    assertThat(verifications.get()).as("no password is checked while throttled").isEqualTo(before);

    clock.advance(Duration.ofMinutes(15));
    assertThat(access.login("zoe", PASSWORD, "10.9.9.9")).isInstanceOf(SignedIn.class);
  }

  @Test
  void oneAddressTryingManyUsersIsThrottled() {
    for (int i = 0; i < ConsoleAccessService.MAX_FAILURES_PER_ADDRESS; i++) {
      access.login("user" + i, "whatever password", "203.0.113.7");
    }
    access.addUser("zoe", Role.OPERATOR, null, PASSWORD);

    assertThat(access.login("zoe", PASSWORD, "203.0.113.7")).isInstanceOf(Throttled.class);
    assertThat(access.login("zoe", PASSWORD, "198.51.100.1")).isInstanceOf(SignedIn.class);
  }

  @Test
  void aMerchantIsScopedToItsTenant() {
    access.addUser("shop", Role.MERCHANT, "tenant-a", PASSWORD);
    Principal who = signIn("shop", PASSWORD).principal();

    assertThat(who.sees("tenant-a")).isTrue();
    assertThat(who.sees("tenant-b")).isFalse();
    assertThat(who.sees(null)).isFalse();
  }

  @Test
  void accountRulesAreCheckedWithOneLineReasons() {
    assertThatThrownBy(() -> access.addUser("zoe", Role.OPERATOR, null, "short"))
        .hasMessage("a password needs at least 12 characters");
    assertThatThrownBy(() -> access.addUser("shop", Role.MERCHANT, null, PASSWORD))
        .hasMessage("a merchant user needs --tenant-id");
    assertThatThrownBy(() -> access.addUser("zoe", Role.OPERATOR, "tenant-a", PASSWORD))
        .hasMessageContaining("only for merchant users");
    assertThatThrownBy(() -> access.addUser("bad name!", Role.OPERATOR, null, PASSWORD))
        .hasMessageContaining("a username is 2 to 64 characters");
    access.addUser("zoe", Role.OPERATOR, null, PASSWORD);
    assertThatThrownBy(() -> access.addUser("ZOE", Role.OPERATOR, null, PASSWORD))
        .hasMessage("the user zoe exists already");
    assertThatThrownBy(() -> access.changePassword("nobody", PASSWORD))
        .hasMessage("there is no user nobody");
  }

  @Test
  void aNewPasswordEndsSessionsAndRemovalEndsAccess() {
    access.addUser("zoe", Role.OPERATOR, null, PASSWORD);
    String session = signIn("zoe", PASSWORD).sessionToken();
    String token = access.createApiToken("zoe", "ci");

    access.changePassword("zoe", "another long password");
    assertThat(access.session(session)).isEmpty();
    assertThat(access.login("zoe", PASSWORD, "10.0.0.1")).isInstanceOf(Refused.class);
    assertThat(access.apiToken(token).orElseThrow().username()).isEqualTo("zoe");
    assertThat(access.apiToken(token).orElseThrow().csrfToken()).isNull();

    assertThat(access.removeUser("zoe")).isTrue();
    assertThat(access.apiToken(token)).isEmpty();
    assertThat(access.users()).isEmpty();
  }

  @Test
  void theAuditLogRecordsSignInsAndActionsAndAMerchantSeesOnlyItsTenant() {
    access.addUser("zoe", Role.OPERATOR, null, PASSWORD);
    access.addUser("shop", Role.MERCHANT, "tenant-a", PASSWORD);
    Principal zoe = signIn("zoe", PASSWORD).principal();
    Principal shop = signIn("shop", PASSWORD).principal();
    access.audit(zoe, "console.retry", "tenant-b", "run-1", null);
    access.audit(shop, "console.settings", "tenant-a", null, "version 3");

    assertThat(access.auditLog(zoe, 10))
        .extracting(e -> e.actor() + " " + e.action())
        .containsExactly("shop console.settings", "zoe console.retry", "shop login", "zoe login");
    assertThat(access.auditLog(shop, 10))
        .extracting(e -> e.action())
        .containsExactly("console.settings", "login");
  }
}
