package io.ledgerbridge.sandbox.store;

import java.time.Clock;
import java.util.Objects;

/**
 * Configuration of a {@link SandboxStore}. {@code tenantId} and {@code apiKey} are the credentials
 * the store starts paired with (the api key is the HKDF master key); when either is empty the store
 * starts "not connected" (inbound calls 401, nothing is enqueued, the outbox does not drain) until
 * it is paired through {@code POST /rest/V1/byte8/setup/pair}. {@code ledgerBaseUrl} may be null
 * and set later. {@code backoffScale} multiplies the WIRE §6.3 retry ladder (1.0 = real seconds,
 * 0.01 turns 60 s into 0.6 s). {@code port} 0 picks an ephemeral loopback port.
 */
public record SandboxStoreConfig(
    String tenantId,
    String apiKey,
    String ledgerBaseUrl,
    Clock clock,
    boolean productionMode,
    double backoffScale,
    int port) {

  public SandboxStoreConfig {
    tenantId = tenantId == null ? "" : tenantId;
    apiKey = apiKey == null ? "" : apiKey;
    Objects.requireNonNull(clock, "clock");
    if (!(backoffScale >= 0) || Double.isInfinite(backoffScale)) {
      throw new IllegalArgumentException("backoffScale must be a finite number >= 0");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
  }

  /** Starts a builder with developer mode, the system UTC clock, backoff scale 1 and port 0. */
  public static Builder builder(String tenantId, String apiKey) {
    return new Builder(tenantId, apiKey);
  }

  /**
   * A builder for {@link SandboxStore#startUnpaired}: no tenant id, api key or ledger base URL
   * (pairing supplies them), otherwise the same defaults as {@link #builder}.
   */
  public static Builder unpaired() {
    return new Builder("", "");
  }

  @Override
  public String toString() {
    return "SandboxStoreConfig[tenantId="
        + tenantId
        + ", apiKey=***, ledgerBaseUrl="
        + ledgerBaseUrl
        + ", productionMode="
        + productionMode
        + ", backoffScale="
        + backoffScale
        + ", port="
        + port
        + "]";
  }

  /** Fluent builder for {@link SandboxStoreConfig}. */
  public static final class Builder {
    private final String tenantId;
    private final String apiKey;
    private String ledgerBaseUrl;
    private Clock clock = Clock.systemUTC();
    private boolean productionMode;
    private double backoffScale = 1.0;
    private int port;

    private Builder(String tenantId, String apiKey) {
      this.tenantId = tenantId;
      this.apiKey = apiKey;
    }

    public Builder ledgerBaseUrl(String value) {
      this.ledgerBaseUrl = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder productionMode(boolean value) {
      this.productionMode = value;
      return this;
    }

    public Builder backoffScale(double value) {
      this.backoffScale = value;
      return this;
    }

    public Builder port(int value) {
      this.port = value;
      return this;
    }

    public SandboxStoreConfig build() {
      return new SandboxStoreConfig(
          tenantId, apiKey, ledgerBaseUrl, clock, productionMode, backoffScale, port);
    }
  }
}
