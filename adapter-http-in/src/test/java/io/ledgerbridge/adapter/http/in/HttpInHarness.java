package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.service.BindingSecretScrubbers;
import io.ledgerbridge.ports.service.ConsoleAccessService;
import io.ledgerbridge.ports.service.QuerySyncRunsService;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryOperatorDirectory;
import io.ledgerbridge.testkit.fake.InMemorySyncAttemptRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncRunRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts the adapter on an ephemeral port with fakes, and a plain HTTP/1.1 client. */
abstract class HttpInHarness {

  static final String TENANT = "3f0e6b1c-tenant";
  static final String VALID_BODY =
      "{\"magento_entity_id\":42,\"website_id\":1,\"store_id\":1,"
          + "\"occurred_at\":\"2026-04-29T10:11:12Z\",\"payload\":{\"increment_id\":\"000000042\",\"paid\":false}}";

  final FakeAcceptWebhookUseCase accept = new FakeAcceptWebhookUseCase();
  final FakeWebhookAuthenticator authenticator = new FakeWebhookAuthenticator().register(TENANT);
  final InMemorySyncRunRepository runs = new InMemorySyncRunRepository();
  final InMemorySyncAttemptRepository attempts = new InMemorySyncAttemptRepository();
  final MutableClock clock = MutableClock.standard();
  final io.ledgerbridge.testkit.fake.InMemoryJobQueue jobs =
      new io.ledgerbridge.testkit.fake.InMemoryJobQueue(clock);
  final AtomicBoolean healthy = new AtomicBoolean(true);
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  HttpInAdapter adapter;

  /** Console accounts over an in-memory directory, with a cheap Argon2id cost for tests. */
  final InMemoryOperatorDirectory operators = new InMemoryOperatorDirectory();

  final InMemoryBindingRepository consoleBindings = new InMemoryBindingRepository();
  final ConsoleAccessService access =
      new ConsoleAccessService(
          operators,
          new Argon2PasswordHasher(1024, 1),
          null,
          clock,
          ConsoleAccessService.DEFAULT_IDLE_TIMEOUT);

  static final String OPERATOR = "op";
  static final String PASSWORD = "correct horse battery";

  /** The signed-in operator's session cookie value (console paths carry it by default). */
  String session;

  int maxBodyBytes() {
    return HttpInConfig.DEFAULT_MAX_BODY_BYTES;
  }

  /** The listener settings; four request threads unless a test needs others. */
  HttpInConfig config() {
    return new HttpInConfig("127.0.0.1", 0, maxBodyBytes(), 4);
  }

  BindingLookup bindings() {
    return BindingLookup.none();
  }

  /** Adds optional collaborators (e.g. the admin API) before the adapter starts. */
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    return builder;
  }

  @BeforeEach
  void startAdapter() {
    adapter = start(config());
    if (operators.account(OPERATOR).isEmpty()) {
      access.addUser(OPERATOR, ConsoleAccessUseCase.Role.OPERATOR, null, PASSWORD);
    }
    session = signIn(OPERATOR, PASSWORD);
  }

  /** Signs in through the service (not over HTTP) and returns the session cookie's value. */
  String signIn(String username, String password) {
    return ((ConsoleAccessUseCase.SignedIn) access.login(username, password, "127.0.0.1"))
        .sessionToken();
  }

  /** Whether a path is served by the admin listener. */
  static boolean adminPath(String pathAndQuery) {
    for (String p :
        new String[] {"/dashboard", "/api", "/admin", "/login", "/logout", "/metrics"}) {
      if (pathAndQuery.equals(p)
          || pathAndQuery.startsWith(p + "/")
          || pathAndQuery.startsWith(p + "?")) {
        return true;
      }
    }
    return false;
  }

  /** Replaces the running adapter by one with {@code other} settings (for one test). */
  void restartWith(HttpInConfig other) {
    adapter.close();
    adapter = start(other);
  }

  private HttpInAdapter start(HttpInConfig settings) {
    return configure(
            HttpInAdapter.builder(settings)
                .adminListener(HttpInConfig.of("127.0.0.1", 0))
                .consoleAccess(access))
        .accept(accept)
        .authenticator(authenticator)
        .query(
            new QuerySyncRunsService(
                runs,
                attempts,
                new BindingSecretScrubbers(new InMemoryBindingRepository(), null),
                jobs))
        .health(healthy::get)
        .bindings(bindings())
        .clock(clock)
        .start();
  }

  @AfterEach
  void stopAdapter() {
    adapter.close();
  }

  /** The listener serving the path: the admin one for console and admin paths. */
  URI uri(String pathAndQuery) {
    return adminPath(pathAndQuery) ? adminUri(pathAndQuery) : publicUri(pathAndQuery);
  }

  URI publicUri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + adapter.port() + pathAndQuery);
  }

  URI adminUri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + adapter.adminPort() + pathAndQuery);
  }

  /** A GET; console pages carry the operator's session cookie. */
  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
    if (adminPath(pathAndQuery) && session != null) {
      b.header("Cookie", ConsoleAuth.COOKIE + "=" + session);
    }
    return send(b.build());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A webhook POST as the store sends it, for the harness tenant. */
  HttpRequest.Builder webhook(String event, String key, String body) {
    return HttpRequest.newBuilder(uri("/webhooks/magento/" + TENANT + "/" + event))
        .header("Authorization", FakeWebhookAuthenticator.bearer(TENANT))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<String> postWebhook(String body) throws IOException, InterruptedException {
    return send(webhook("invoice.created", "invoice.created:42", body).build());
  }
}
