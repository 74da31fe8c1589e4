package io.ledgerbridge.adapter.magento;

import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.WebhookAuthenticator;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The Magento adapter's only public type: builds the webhook authenticator (store to us, WIRE §2.4)
 * and the store gateway (us to store, WIRE §1A, §2.5, §3, §4).
 */
public final class MagentoAdapter {
  /** Default allowance for the store's clock running ahead of or behind ours. */
  public static final Duration DEFAULT_CLOCK_SKEW = MagentoWebhookAuthenticator.DEFAULT_SKEW;

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);

  /**
   * An idle pooled connection to a store is dropped after this, before the usual server keep-alive
   * timeouts (nginx 75 s, Apache 5 s to 15 s, PHP-FPM behind them): OkHttp's own default is 5
   * minutes. Whatever still fails on a stale connection is tried once more at once.
   */
  static final Duration IDLE_CONNECTION_LIFETIME = Duration.ofSeconds(30);

  static final int POOLED_CONNECTIONS = 16;

  private MagentoAdapter() {}

  /** Verifies store webhook tokens with a 60 s clock-skew allowance. */
  public static WebhookAuthenticator webhookAuthenticator(
      BindingRepository bindings, ReplayGuard replayGuard, Clock clock) {
    return webhookAuthenticator(bindings, replayGuard, clock, DEFAULT_CLOCK_SKEW);
  }

  /** Verifies store webhook tokens; {@code clockSkew} between 0 and 10 minutes. */
  public static WebhookAuthenticator webhookAuthenticator(
      BindingRepository bindings, ReplayGuard replayGuard, Clock clock, Duration clockSkew) {
    return new MagentoWebhookAuthenticator(bindings, replayGuard, clock, clockSkew);
  }

  /**
   * Parses a canonical invoice document exactly as the store serves it (WIRE §3.1), for the dry-run
   * preview and tooling.
   *
   * @throws IllegalArgumentException with a message naming the problem when the document is not a
   *     valid canonical invoice
   */
  public static CanonicalInvoice parseCanonicalInvoice(String json) {
    try {
      return CanonicalJson.invoice(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a canonical invoice: " + e.getMessage(), e);
    }
  }

  /** Parses a canonical payment document (WIRE §3.6), for the preview and tooling. */
  public static CanonicalPayment parseCanonicalPayment(String json) {
    try {
      return CanonicalJson.payment(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a canonical payment: " + e.getMessage(), e);
    }
  }

  /** Parses a canonical credit memo document (WIRE §3.5), for the preview and tooling. */
  public static CanonicalCreditMemo parseCanonicalCreditMemo(String json) {
    try {
      return CanonicalJson.creditMemo(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a canonical credit memo: " + e.getMessage(), e);
    }
  }

  /** Parses a canonical customer document (WIRE §3.3), for the preview and tooling. */
  public static CanonicalContact parseCanonicalCustomer(String json) {
    try {
      return CanonicalJson.customer(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a canonical customer: " + e.getMessage(), e);
    }
  }

  /** Parses a canonical product document (WIRE §3.7), for the preview and tooling. */
  public static CanonicalProduct parseCanonicalProduct(String json) {
    try {
      return CanonicalJson.product(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a canonical product: " + e.getMessage(), e);
    }
  }

  /** Store gateway with its own HTTP client: connect timeout 5 s, read timeout 15 s. */
  public static StoreGateway storeGateway(Clock clock, Supplier<UUID> jtis) {
    return storeGateway(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, clock, jtis);
  }

  /** Store gateway with its own HTTP client and the given timeouts. */
  public static StoreGateway storeGateway(
      Duration connectTimeout, Duration readTimeout, Clock clock, Supplier<UUID> jtis) {
    OkHttpClient client =
        new OkHttpClient.Builder()
            .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
            .readTimeout(Objects.requireNonNull(readTimeout, "readTimeout"))
            .writeTimeout(readTimeout)
            .connectionPool(
                new ConnectionPool(
                    POOLED_CONNECTIONS, IDLE_CONNECTION_LIFETIME.toSeconds(), TimeUnit.SECONDS))
            .build();
    return storeGateway(client, clock, jtis);
  }

  /**
   * Store gateway on a shared HTTP client (its pool and timeouts are kept). Redirect following and
   * OkHttp's silent connection retries are switched off on the derived client, because a resent
   * request would reuse a single-use {@code jti}.
   */
  public static StoreGateway storeGateway(OkHttpClient client, Clock clock, Supplier<UUID> jtis) {
    OkHttpClient strict =
        Objects.requireNonNull(client, "client")
            .newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .build();
    return new MagentoStoreGateway(strict, new InboundTokenMinter(clock, jtis));
  }
}
