package io.ledgerbridge.adapter.http.in;

import java.util.Objects;

/**
 * Listener settings.
 *
 * @param bindAddress host or IP to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port TCP port; {@code 0} picks an ephemeral port (see {@link HttpInAdapter#port()})
 * @param maxBodyBytes largest accepted webhook body; larger bodies get 413
 * @param workerThreads size of the fixed pool that runs request handlers
 */
public record HttpInConfig(String bindAddress, int port, int maxBodyBytes, int workerThreads) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final int DEFAULT_WORKER_THREADS = 16;

  public HttpInConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    bindAddress = bindAddress.trim();
    if (bindAddress.isEmpty()) {
      throw new IllegalArgumentException("bindAddress is required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
    if (maxBodyBytes < 1 || maxBodyBytes > 64 * 1024 * 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be between 1 and 64 MiB");
    }
    if (workerThreads < 1 || workerThreads > 1024) {
      throw new IllegalArgumentException("workerThreads must be between 1 and 1024");
    }
  }

  /** Default body limit (1 MiB) and worker pool (16). */
  public static HttpInConfig of(String bindAddress, int port) {
    return new HttpInConfig(bindAddress, port, DEFAULT_MAX_BODY_BYTES, DEFAULT_WORKER_THREADS);
  }
}
