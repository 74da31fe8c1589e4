package io.ledgerbridge.ports.service;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.OperatorDirectory;
import io.ledgerbridge.ports.out.OperatorDirectory.StoredAccount;
import io.ledgerbridge.ports.out.OperatorDirectory.StoredSession;
import io.ledgerbridge.ports.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Console accounts, sessions and the audit log.
 *
 * <ul>
 *   <li>Sessions: a 256-bit random token in the cookie, only its SHA-256 stored; an idle timeout
 *       (sliding, moved at most once a minute to spare the database) and an absolute lifetime.
 *   <li>Throttling: after {@link #MAX_FAILURES_PER_USER} failed logins for one username, or {@link
 *       #MAX_FAILURES_PER_ADDRESS} from one address, within {@link #THROTTLE_WINDOW}, logins are
 *       refused without checking the password until the oldest failure leaves the window. The
 *       counts are kept in the database, so several web processes share them.
 *   <li>An unknown username costs a hash verification like a known one (no timing oracle).
 * </ul>
 */
public final class ConsoleAccessService implements ConsoleAccessUseCase {
  private static final Logger LOG = Logger.getLogger(ConsoleAccessService.class.getName());

  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration ABSOLUTE_LIFETIME = Duration.ofHours(12);
  public static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);
  public static final int MAX_FAILURES_PER_USER = 5;
  public static final int MAX_FAILURES_PER_ADDRESS = 20;
  public static final int MIN_PASSWORD_LENGTH = 12;
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OperatorDirectory directory;
  private final PasswordHasher hasher;
  private final BindingRepository bindings;
  private final Clock clock;
  private final Duration idleTimeout;
  private volatile String dummyHash;

  /**
   * @param bindings checks that a merchant's tenant exists; null skips the check
   */
  public ConsoleAccessService(
      OperatorDirectory directory,
      PasswordHasher hasher,
      BindingRepository bindings,
      Clock clock,
      Duration idleTimeout) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.bindings = bindings;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.compareTo(Duration.ofMinutes(1)) < 0
        || idleTimeout.compareTo(ABSOLUTE_LIFETIME) > 0) {
      throw new IllegalArgumentException("the session idle timeout must be 1 minute to 12 hours");
    }
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  @Override
  public LoginResult login(String username, String password, String remoteAddress) {
    Instant now = clock.instant();
    String user = normalise(username);
    String addressKey = "addr:" + (remoteAddress == null ? "?" : remoteAddress);
    String userKey = "user:" + user;
    Instant since = now.minus(THROTTLE_WINDOW);
    Optional<Duration> wait =
        throttled(directory.loginFailuresSince(userKey, since), MAX_FAILURES_PER_USER, now)
            .or(
                () ->
                    throttled(
                        directory.loginFailuresSince(addressKey, since),
                        MAX_FAILURES_PER_ADDRESS,
                        now));
    if (wait.isPresent()) {
      LOG.warning("console login throttled user=" + user + " remote=" + remoteAddress);
      return new Throttled(wait.get());
    }
    Optional<StoredAccount> account =
        user.isEmpty() || password == null ? Optional.empty() : directory.account(user);
    boolean ok;
    if (account.isPresent()) {
      ok = hasher.verify(password, account.get().passwordHash());
    } else {
      hasher.verify(password == null ? "" : password, dummyHash());
      ok = false;
    }
    if (!ok) {
      directory.recordLoginFailure(userKey, now);
      directory.recordLoginFailure(addressKey, now);
      LOG.warning("console login refused user=" + user + " remote=" + remoteAddress);
      return new Refused();
    }
    directory.clearLoginFailures(userKey, since);
    StoredAccount a = account.get();
    String token = random();
    String csrf = random();
    directory.createSession(
        new StoredSession(hash(token), a.username(), csrf, now, now, now.plus(idleTimeout)));
    Principal principal = new Principal(a.username(), a.role(), a.tenantId(), csrf);
    audit(principal, "login", a.tenantId(), null, "from " + remoteAddress);
    return new SignedIn(token, principal, idleTimeout);
  }

  /**
   * A hash of no one's password, verified for an unknown user so that it costs what a known one
   * does; made on the first such sign-in, not when the service starts (the CLI and the relay make
   * this service and never sign anyone in).
   */
  private String dummyHash() {
    String h = dummyHash;
    if (h == null) {
      synchronized (this) {
        h = dummyHash;
        if (h == null) {
          h = hasher.hash("not a password of anyone " + RANDOM.nextLong());
          dummyHash = h;
        }
      }
    }
    return h;
  }

  private static Optional<Duration> throttled(List<Instant> failures, int max, Instant now) {
    if (failures.size() < max) {
      return Optional.empty();
    }
    Instant oldest = failures.stream().min(Instant::compareTo).orElse(now);
    Duration left = Duration.between(now, oldest.plus(THROTTLE_WINDOW));
    return Optional.of(left.isNegative() ? Duration.ofSeconds(1) : left);
  }

  @Override
  public Optional<Principal> session(String sessionToken) {
    if (sessionToken == null || sessionToken.isEmpty() || sessionToken.length() > 100) {
      return Optional.empty();
    }
    String idHash = hash(sessionToken);
    Optional<StoredSession> found = directory.session(idHash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredSession s = found.get();
    Instant now = clock.instant();
    if (!now.isBefore(s.expiresAt()) || !now.isBefore(s.createdAt().plus(ABSOLUTE_LIFETIME))) {
      directory.deleteSession(idHash);
      return Optional.empty();
    }
    Optional<StoredAccount> account = directory.account(s.username());
    if (account.isEmpty()) {
      directory.deleteSession(idHash);
      return Optional.empty();
    }
    if (Duration.between(s.lastSeenAt(), now).compareTo(TOUCH_EVERY) >= 0) {
      Instant expiry = now.plus(idleTimeout);
      Instant cap = s.createdAt().plus(ABSOLUTE_LIFETIME);
      directory.touchSession(idHash, now, expiry.isAfter(cap) ? cap : expiry);
    }
    StoredAccount a = account.get();
    return Optional.of(new Principal(a.username(), a.role(), a.tenantId(), s.csrfToken()));
  }

  @Override
  public void logout(String sessionToken) {
    if (sessionToken != null && !sessionToken.isEmpty() && sessionToken.length() <= 100) {
      directory.deleteSession(hash(sessionToken));
    }
  }

  @Override
  public Optional<Principal> apiToken(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return Optional.empty();
    }
    return directory
        .apiTokenOwner(hash(token))
        .flatMap(directory::account)
        .map(a -> new Principal(a.username(), a.role(), a.tenantId(), null));
  }

  @Override
  public void audit(Principal actor, String action, String tenantId, String target, String detail) {
    directory.appendAudit(
        new AuditEntry(
            0,
            clock.instant(),
            actor.username(),
            action,
            tenantId,
            clip(target, 200),
            clip(detail, 1000)));
    LOG.info(
        "audit actor="
            + actor.username()
            + " action="
            + action
            + " tenant="
            + tenantId
            + " target="
            + clip(target, 200));
  }

  @Override
  public List<AuditEntry> auditLog(Principal viewer, int limit) {
    return directory.audit(viewer.operator() ? null : viewer.tenantId(), limit);
  }

  @Override
  public Account addUser(String username, Role role, String tenantId, String password) {
    String user = normalise(username);
    if (!USERNAME.matcher(user).matches()) {
      throw new IllegalArgumentException(
          "a username is 2 to 64 characters: letters, digits and . _ @ - (starting with a letter"
              + " or digit)");
    }
    Objects.requireNonNull(role, "role");
    String tenant = tenantId == null || tenantId.isBlank() ? null : tenantId.trim();
    if (role == Role.MERCHANT && tenant == null) {
      throw new IllegalArgumentException("a merchant user needs --tenant-id");
    }
    if (role == Role.OPERATOR && tenant != null) {
      throw new IllegalArgumentException(
          "an operator sees every tenant; --tenant-id is only for merchant users");
    }
    if (tenant != null && bindings != null && bindings.find(tenant).isEmpty()) {
      throw new IllegalArgumentException("there is no binding " + tenant);
    }
    checkPassword(password);
    Instant now = clock.instant();
    if (!directory.createAccount(
        new StoredAccount(user, role, tenant, hasher.hash(password), now))) {
      throw new IllegalArgumentException("the user " + user + " exists already");
    }
    return new Account(user, role, tenant, now);
  }

  @Override
  public List<Account> users() {
    return directory.accounts().stream()
        .map(a -> new Account(a.username(), a.role(), a.tenantId(), a.createdAt()))
        .toList();
  }

  @Override
  public boolean removeUser(String username) {
    return directory.deleteAccount(normalise(username));
  }

  @Override
  public void changePassword(String username, String password) {
    checkPassword(password);
    if (!directory.updatePassword(normalise(username), hasher.hash(password))) {
      throw new IllegalArgumentException("there is no user " + normalise(username));
    }
  }

  @Override
  public String createApiToken(String username, String label) {
    String user = normalise(username);
    if (directory.account(user).isEmpty()) {
      throw new IllegalArgumentException("there is no user " + user);
    }
    String token = "lbt_" + random();
    directory.createApiToken(hash(token), user, clip(label, 100), clock.instant());
    return token;
  }

  @Override
  public List<ApiToken> apiTokens(String username) {
    String user = normalise(username);
    if (directory.account(user).isEmpty()) {
      throw new IllegalArgumentException("there is no user " + user);
    }
    return directory.apiTokens(user).stream()
        .map(t -> new ApiToken(t.hashPrefix(), t.label(), t.createdAt()))
        .toList();
  }

  @Override
  public boolean revokeApiToken(String username, String tokenId) {
    String id = tokenId == null ? "" : tokenId.trim().toLowerCase(Locale.ROOT);
    if (!id.matches("[0-9a-f]{12}")) {
      throw new IllegalArgumentException(
          "a token id is the 12 hex digits `users tokens` lists, not the token itself");
    }
    return directory.deleteApiToken(normalise(username), id);
  }

  /** Forgets expired sessions and old login failures (housekeeping). */
  public int purge() {
    Instant now = clock.instant();
    directory.clearLoginFailures("-", now.minus(THROTTLE_WINDOW));
    return directory.purgeSessions(now);
  }

  private static void checkPassword(String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (password.length() > 1024) {
      throw new IllegalArgumentException("a password has at most 1024 characters");
    }
    if (password.isBlank()) {
      throw new IllegalArgumentException("a password cannot be only spaces");
    }
  }

  private static String normalise(String username) {
    return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String value) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
