package io.ledgerbridge.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: concurrent refreshes across processes never lose a rotated refresh token. Sage rotates
 * the refresh token on every refresh and answers {@code invalid_grant} to one that was already
 * used, so two processes refreshing the same binding at once would spend one token twice and the
 * binding would look revoked; and a rotated token not persisted before its access token is used
 * would be lost for good.
 *
 * <p>The sandbox Sage issues access tokens the chassis may use for only a second (it stops using
 * one 30 s before it expires) and answers slowly, so refreshes take a while and fall due again and
 * again. Two worker processes sync invoices; they share one Sage business, whose lease lets only
 * one of them call Sage at a time, so they hand the tokens over through the vault. Meanwhile the
 * web process refreshes the binding's Sage reference data through the admin API in a loop, outside
 * any business lease: three chassis processes, each with its own token manager, need fresh tokens
 * of the one binding at the same moments. Every invoice must sync exactly once, the binding must
 * stay active, Sage must never see a spent refresh token nor two token requests at once, refreshes
 * must come from more than one process, each under the claim, and the vault must hold every rotated
 * token Sage issued, the last one live. Without the claim ({@code TokenVault.claimRefresh}) this
 * fails within seconds: two refreshes reach Sage at once, one with a spent token, and the binding
 * turns {@code token_revoked}.
 */
class ConcurrentRefreshIT extends FaultTestBase {
  /** The chassis treats a token as expired 30 s early: these are usable for 1 s after issue. */
  private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(31);

  private static final Duration SAGE_LATENCY_MIN = Duration.ofMillis(100);
  private static final Duration SAGE_LATENCY_MAX = Duration.ofMillis(300);
  private static final int INVOICES = 16;
  private static final int MIN_ADMIN_REFRESHES = 3;
  private static final String ADMIN_TOKEN = "concurrent-refresh-admin-token";

  /** Pause of the admin client between two reference data refreshes. */
  private static final Duration ADMIN_PAUSE = Duration.ofMillis(250);

  @Test
  void workersAndTheWebProcessRefreshingTheSameBindingNeverSpendARotatedRefreshToken() {
    open(null, Map.of("LEDGER_ADMIN_TOKEN", ADMIN_TOKEN));
    SandboxSage sage = world.sage();
    sage.setAccessTokenLifetime(ACCESS_TOKEN_LIFETIME);
    sage.setLatency(SAGE_LATENCY_MIN, SAGE_LATENCY_MAX);
    chassis.start("web", "worker", "worker");

    RefreshHolders refreshers = track(new RefreshHolders());
    AdminRefresher admin = track(new AdminRefresher(chassis.adminUrl()));
    world.raise(INVOICES);
    // fails at once, rather than after the wait, once a spent refresh token reached Sage
    world.await(
        "every invoice to reach a terminal store status and "
            + MIN_ADMIN_REFRESHES
            + " reference data refreshes through the web process",
        SandboxWorld.WAIT,
        () -> {
          if (sage.invalidGrantRefreshes() > 0) {
            throw new AssertionError(
                sage.invalidGrantRefreshes()
                    + " refresh(es) with a spent refresh token; binding "
                    + bindingStatus()
                    + ", claim holders of the token requests "
                    + refreshers.seen()
                    + ", most token requests at once "
                    + sage.maxConcurrentTokenRequests()
                    + "\n"
                    + world.dump());
          }
          return world.raised().stream().allMatch(r -> world.terminal(r.storeId()))
              && admin.answers().getOrDefault(200, 0) >= MIN_ADMIN_REFRESHES;
        });
    admin.close();
    refreshers.close();

    SandboxWorld.Summary summary = world.assertNoLossNoDuplicates();
    report(summary);
    String dump = world.dump();
    Map<String, Integer> refreshesByHolder = refreshers.seen();
    System.out.println(
        "ConcurrentRefreshIT: "
            + sage.refreshGrants()
            + " refreshes at Sage, sent by claim holders "
            + refreshesByHolder
            + ", admin reference refreshes answered "
            + admin.answers()
            + ", invalid_grant refreshes "
            + sage.invalidGrantRefreshes()
            + ", most token requests at once "
            + sage.maxConcurrentTokenRequests());

    assertThat(bindingStatus()).as("binding status\n" + dump).isEqualTo("active");
    assertThat(sage.invalidGrantRefreshes())
        .as("refreshes with a spent (already rotated) refresh token\n" + dump)
        .isZero();
    assertThat(sage.maxConcurrentTokenRequests())
        .as("token requests Sage handled at one time\n" + dump)
        .isEqualTo(1);
    assertThat(admin.answers())
        .as("answers of the admin reference data refresh (200 only)")
        .containsOnlyKeys(200);
    assertThat(sage.refreshGrants())
        .as("refreshes at Sage: the tokens expired several times during the run")
        .isGreaterThanOrEqualTo(3);
    assertThat(refreshesByHolder)
        .as("token requests sent without the refresh claim\n" + dump)
        .doesNotContainKey("null");
    assertThat(refreshesByHolder)
        .as("processes (token managers) that refreshed the binding's tokens\n" + dump)
        .hasSizeGreaterThanOrEqualTo(2);

    Map<String, Object> vault =
        chassis
            .query(
                "SELECT version, refresh_holder FROM sage_tokens WHERE tenant_id = '"
                    + SandboxWorld.TENANT
                    + "'")
            .get(0);
    assertThat(((Number) vault.get("version")).intValue())
        .as("writes of the vault's tokens: one per rotated token Sage issued, none lost")
        .isEqualTo(sage.refreshGrants());
    assertThat(vault.get("refresh_holder")).as("refresh claim left behind").isNull();
    assertThat(sage.isLiveRefreshToken(storedRefreshToken()))
        .as("the vault's refresh token is the one Sage will accept next")
        .isTrue();
  }

  private String bindingStatus() {
    return String.valueOf(
        chassis
            .query("SELECT status FROM bindings WHERE tenant_id = '" + SandboxWorld.TENANT + "'")
            .get(0)
            .get("status"));
  }

  /** The refresh token in the vault, decrypted by a chassis opened in this JVM. */
  private String storedRefreshToken() {
    try (Chassis reader = Chassis.open(AppConfig.from(chassis.registrationEnvironment()))) {
      return reader
          .persistence()
          .tokenVault()
          .tokens(SandboxWorld.TENANT)
          .map(SageTokens::refreshToken)
          .orElseThrow(() -> new AssertionError("no tokens in the vault"));
    }
  }

  /**
   * Which process sent each token request: while Sage is handling one, the refresh claim in the
   * vault names the token manager (one per process) that holds it and sent the request. Polls the
   * sandbox every few milliseconds and, while a token request is in flight (at least {@link
   * #SAGE_LATENCY_MIN}), reads the claim once per request.
   */
  private final class RefreshHolders implements AutoCloseable {
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    RefreshHolders() {
      SandboxSage sage = world.sage();
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  if (sage.tokenRequestsInFlight() == 0) {
                    pause(2);
                    continue;
                  }
                  int before = sage.refreshGrants() + sage.invalidGrantRefreshes();
                  Object holder = null;
                  try {
                    holder =
                        chassis
                            .query(
                                "SELECT refresh_holder FROM sage_tokens WHERE tenant_id = '"
                                    + SandboxWorld.TENANT
                                    + "'")
                            .get(0)
                            .get("refresh_holder");
                  } catch (RuntimeException e) {
                    // counted as an unclaimed request
                  }
                  if (sage.tokenRequestsInFlight() > 0
                      && sage.refreshGrants() + sage.invalidGrantRefreshes() == before) {
                    // still unanswered: the holder read is the one its sender had
                    seen.computeIfAbsent(String.valueOf(holder), h -> new AtomicInteger())
                        .incrementAndGet();
                  }
                  // the same request until it is answered
                  while (running.get()
                      && sage.tokenRequestsInFlight() > 0
                      && sage.refreshGrants() + sage.invalidGrantRefreshes() == before) {
                    pause(2);
                  }
                }
              },
              "refresh-holders");
      thread.setDaemon(true);
      thread.start();
    }

    private void pause(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        running.set(false);
      }
    }

    /** Token requests seen, by the claim's holder then ("null": sent without a claim). */
    Map<String, Integer> seen() {
      Map<String, Integer> out = new TreeMap<>();
      seen.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }

    @Override
    public void close() {
      running.set(false);
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Calls {@code POST /admin/bindings/<tenant>/reference/refresh} on the web process one after the
   * other, on its own thread, until closed; each call fetches Sage's reference data with the
   * binding's tokens. Counts the answers by status.
   */
  private static final class AdminRefresher implements AutoCloseable {
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    AdminRefresher(String webUrl) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      webUrl + "/admin/bindings/" + SandboxWorld.TENANT + "/reference/refresh"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + ADMIN_TOKEN)
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  int status;
                  try {
                    status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                  } catch (IOException e) {
                    status = -1;
                  } catch (InterruptedException e) {
                    return;
                  }
                  answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                  try {
                    Thread.sleep(ADMIN_PAUSE.toMillis());
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "admin-reference-refresher");
      thread.setDaemon(true);
      thread.start();
    }

    /** Answers so far by HTTP status (-1: no answer). */
    Map<Integer, Integer> answers() {
      Map<Integer, Integer> out = new TreeMap<>();
      answers.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }

    /** Stops after the call in flight (waiting for it). */
    @Override
    public void close() {
      running.set(false);
      try {
        thread.join(Duration.ofSeconds(90).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
