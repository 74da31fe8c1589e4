package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sign-in, sessions, CSRF, roles and the split between the two listeners, over real HTTP. */
class ConsoleAuthTest extends HttpInHarness {
  private static final String ADMIN = "admin-token-for-console-auth-tests";

  @Override
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    return builder.adminToken(ADMIN);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return send(b.build());
  }

  private static String cookieValue(HttpResponse<?> r, String name) {
    for (String c : r.headers().allValues("Set-Cookie")) {
      if (c.startsWith(name + "=")) {
        return c.substring(name.length() + 1, c.indexOf(';'));
      }
    }
    return null;
  }

  private static String setCookie(HttpResponse<?> r, String name) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .findFirst()
        .orElse(null);
  }

  private static String hidden(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as("hidden field %s", name).isTrue();
    return m.group(1);
  }

  /** Signs in over HTTP; returns the POST's answer. */
  private HttpResponse<String> login(String user, String password, String next) throws Exception {
    HttpResponse<String> page = send(HttpRequest.newBuilder(adminUri("/login")).GET());
    String loginCookie = cookieValue(page, ConsoleAuth.LOGIN_COOKIE);
    String form =
        "username="
            + user
            + "&password="
            + password.replace(" ", "+")
            + "&login_csrf="
            + hidden(page.body(), "login_csrf")
            + "&next="
            + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
    return send(
        HttpRequest.newBuilder(adminUri("/login"))
            .header("Cookie", ConsoleAuth.LOGIN_COOKIE + "=" + loginCookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", "http://127.0.0.1:" + adapter.adminPort())
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  @Test
  void theConsoleAndAdminRoutesAreOnlyOnTheAdminListenerAndStoreRoutesOnlyOnThePublicOne()
      throws Exception {
    for (String path :
        new String[] {"/dashboard/sync", "/login", "/api/sync-runs", "/admin/bindings/t/policy"}) {
      assertThat(send(HttpRequest.newBuilder(publicUri(path)).GET()).statusCode())
          .as(path)
          .isEqualTo(404);
    }
    assertThat(send(HttpRequest.newBuilder(adminUri("/v1/tile/health")).GET()).statusCode())
        .isEqualTo(404);
    assertThat(
            send(webhookTo(adminUri("/webhooks/magento/" + TENANT + "/invoice.created")))
                .statusCode())
        .isEqualTo(404);
    assertThat(accept.commands()).isEmpty();
    // both answer health probes
    assertThat(send(HttpRequest.newBuilder(adminUri("/healthz")).GET()).statusCode())
        .isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(publicUri("/healthz")).GET()).statusCode())
        .isEqualTo(200);
  }

  private HttpRequest.Builder webhookTo(URI uri) {
    return HttpRequest.newBuilder(uri)
        .header("Authorization", FakeWebhookAuthenticator.bearer(TENANT))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "invoice.created:42")
        .POST(HttpRequest.BodyPublishers.ofString(VALID_BODY));
  }

  @Test
  void aSignedOutVisitorIsSentToTheSignInPageAndBackAfterwards() throws Exception {
    HttpResponse<String> page =
        send(HttpRequest.newBuilder(adminUri("/dashboard/sync?status=failed")).GET());
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location"))
        .hasValue("/login?next=%2Fdashboard%2Fsync%3Fstatus%3Dfailed");

    HttpResponse<String> in = login(OPERATOR, PASSWORD, "/dashboard/sync?status=failed");
    assertThat(in.statusCode()).isEqualTo(303);
    assertThat(in.headers().firstValue("Location")).hasValue("/dashboard/sync?status=failed");
    String cookie = setCookie(in, ConsoleAuth.COOKIE);
    assertThat(cookie).contains("; Path=/; HttpOnly; SameSite=Strict").doesNotContain("Secure");
    assertThat(cookie).doesNotContain("Max-Age");
    String token = cookieValue(in, ConsoleAuth.COOKIE);
    assertThat(access.session(token)).isPresent();
  }

  @Test
  void theNextPageIsNeverAnotherSite() {
    assertThat(ConsoleAuth.nextOf("https://evil.example/")).isEqualTo("/dashboard/sync");
    assertThat(ConsoleAuth.nextOf("//evil.example/dashboard")).isEqualTo("/dashboard/sync");
    assertThat(ConsoleAuth.nextOf("/dashboard\\@evil")).isEqualTo("/dashboard/sync");
    assertThat(ConsoleAuth.nextOf("/admin/bindings")).isEqualTo("/dashboard/sync");
    assertThat(ConsoleAuth.nextOf("/dashboard/bindings")).isEqualTo("/dashboard/bindings");
  }

  @Test
  void aWrongPasswordIs401AndRepeatedFailuresAre429WithRetryAfter() throws Exception {
    HttpResponse<String> wrong = login(OPERATOR, "not the password", "/dashboard/sync");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("The user name or password is not right.");
    assertThat(cookieValue(wrong, ConsoleAuth.COOKIE)).isNull();
    for (int i = 0; i < 4; i++) {
      login(OPERATOR, "not the password " + i, "/dashboard/sync");
    }

    HttpResponse<String> throttled = login(OPERATOR, PASSWORD, "/dashboard/sync");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(throttled.body()).contains("Too many failed sign-ins");
  }

  @Test
  void aSignInFormWithoutItsCookieOrFromAnotherOriginIsRefused() throws Exception {
    HttpResponse<String> page = send(HttpRequest.newBuilder(adminUri("/login")).GET());
    String form = "username=op&password=x&login_csrf=" + hidden(page.body(), "login_csrf");
    HttpResponse<String> noCookie =
        send(
            HttpRequest.newBuilder(adminUri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    HttpResponse<String> foreign =
        send(
            HttpRequest.newBuilder(adminUri("/login"))
                .header(
                    "Cookie",
                    ConsoleAuth.LOGIN_COOKIE + "=" + cookieValue(page, ConsoleAuth.LOGIN_COOKIE))
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));

    assertThat(noCookie.statusCode()).isEqualTo(403);
    assertThat(foreign.statusCode()).isEqualTo(403);
  }

  @Test
  void signingOutNeedsTheCsrfTokenAndEndsTheSession() throws Exception {
    String csrf = hidden(get("/dashboard/sync").body(), "csrf");
    HttpResponse<String> forged =
        send(
            HttpRequest.newBuilder(adminUri("/logout"))
                .header("Cookie", ConsoleAuth.COOKIE + "=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=guess")));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(access.session(session)).isPresent();

    HttpResponse<String> out =
        send(
            HttpRequest.newBuilder(adminUri("/logout"))
                .header("Cookie", ConsoleAuth.COOKIE + "=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf)));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(setCookie(out, ConsoleAuth.COOKIE)).contains("Max-Age=0");
    assertThat(access.session(session)).isEmpty();
    assertThat(get("/dashboard/sync").statusCode()).isEqualTo(303);
  }

  @Test
  void apiTokensAreScopedLikeTheirUser() throws Exception {
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    runs.insert(
        SyncRun.accepted(UUID.randomUUID(), "tenant-a", EventType.INVOICE_CREATED, 1, "k1", 1, t));
    runs.insert(
        SyncRun.accepted(UUID.randomUUID(), "tenant-b", EventType.INVOICE_CREATED, 2, "k2", 1, t));
    access.addUser("shop", Role.MERCHANT, "tenant-a", "a long enough password");
    String merchantToken = access.createApiToken("shop", "script");

    HttpResponse<String> own =
        send(
            HttpRequest.newBuilder(adminUri("/api/sync-runs"))
                .header("Authorization", "Bearer " + merchantToken)
                .GET());
    HttpResponse<String> all =
        send(
            HttpRequest.newBuilder(adminUri("/api/sync-runs"))
                .header("Authorization", "Bearer " + ADMIN)
                .GET());
    HttpResponse<String> nobody = send(HttpRequest.newBuilder(adminUri("/api/sync-runs")).GET());
    HttpResponse<String> otherPolicy =
        send(
            HttpRequest.newBuilder(adminUri("/admin/bindings/tenant-b/policy"))
                .header("Authorization", "Bearer " + merchantToken)
                .GET());

    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("tenant-a").doesNotContain("tenant-b");
    assertThat(all.body()).contains("tenant-a").contains("tenant-b");
    assertThat(nobody.statusCode()).isEqualTo(401);
    assertThat(otherPolicy.statusCode()).isEqualTo(404);
  }

  @Test
  void theAuditPageListsSignInsAndAMerchantSeesOnlyItsTenantsEntries() throws Exception {
    access.addUser("shop", Role.MERCHANT, "tenant-a", "a long enough password");
    String shop = signIn("shop", "a long enough password");

    String operatorView = get("/dashboard/audit").body();
    HttpResponse<String> merchantView =
        send(
            HttpRequest.newBuilder(adminUri("/dashboard/audit"))
                .header("Cookie", ConsoleAuth.COOKIE + "=" + shop)
                .GET());

    assertThat(operatorView).contains("<td>op</td>").contains("<td>shop</td>");
    assertThat(merchantView.body()).contains("<td>shop</td>").doesNotContain("<td>op</td>");
  }
}
