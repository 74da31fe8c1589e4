package io.ledgerbridge.adapter.http.in;

import java.util.Objects;

/**
 * Listener settings (Jetty, ADR 0016). Every limit protects the threads that serve the store: a
 * client that is slow to send its headers or its body, or sends too much, is cut off without
 * holding a request thread.
 *
 * @param bindAddress host or IP to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port TCP port; {@code 0} picks an ephemeral port (see {@link HttpInAdapter#port()})
 * @param maxBodyBytes largest accepted request body; larger bodies get 413
 * @param threads requests handled at once; beyond it the server answers 503 with {@code
 *     Retry-After} (a few more threads are kept to answer those 503s and run the server itself)
 * @param acceptQueue connections the kernel queues before the server accepts them
 * @param idleTimeoutMillis a connection that sends nothing for this long is closed (between
 *     requests, and between bytes of one request)
 * @param headerTimeoutMillis the request line and headers must arrive within this, from their first
 *     byte (slow-loris protection; checked every second)
 * @param bodyTimeoutMillis the request body must arrive within this, from the first read
 * @param maxHeaderBytes the request line and headers together, at most (larger gets 431)
 * @param maxHeaderCount header fields per request, at most (more gets 431)
 */
public record HttpInConfig(
    String bindAddress,
    int port,
    int maxBodyBytes,
    int threads,
    int acceptQueue,
    long idleTimeoutMillis,
    long headerTimeoutMillis,
    long bodyTimeoutMillis,
    int maxHeaderBytes,
    int maxHeaderCount) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final int DEFAULT_THREADS = 32;
  public static final int DEFAULT_ACCEPT_QUEUE = 1024;
  public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
  public static final long DEFAULT_HEADER_TIMEOUT_MILLIS = 10_000;
  public static final long DEFAULT_BODY_TIMEOUT_MILLIS = 10_000;
  public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
  public static final int DEFAULT_MAX_HEADER_COUNT = 64;

  /** Threads beside the request threads: Jetty's acceptors and selectors, and 503 answers. */
  static final int RESERVED_THREADS = 8;

  public HttpInConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    bindAddress = bindAddress.trim();
    if (bindAddress.isEmpty()) {
      throw new IllegalArgumentException("bindAddress is required");
    }
    range("port", port, 0, 65535);
    range("maxBodyBytes", maxBodyBytes, 1, 64 * 1024 * 1024);
    range("threads", threads, 1, 1024);
    range("acceptQueue", acceptQueue, 1, 65535);
    range("idleTimeoutMillis", idleTimeoutMillis, 100, 3_600_000);
    range("headerTimeoutMillis", headerTimeoutMillis, 100, 3_600_000);
    range("bodyTimeoutMillis", bodyTimeoutMillis, 100, 3_600_000);
    range("maxHeaderBytes", maxHeaderBytes, 1024, 1024 * 1024);
    range("maxHeaderCount", maxHeaderCount, 8, 10_000);
  }

  /** The given body limit and thread count, every other setting at its default. */
  public HttpInConfig(String bindAddress, int port, int maxBodyBytes, int threads) {
    this(
        bindAddress,
        port,
        maxBodyBytes,
        threads,
        DEFAULT_ACCEPT_QUEUE,
        DEFAULT_IDLE_TIMEOUT_MILLIS,
        DEFAULT_HEADER_TIMEOUT_MILLIS,
        DEFAULT_BODY_TIMEOUT_MILLIS,
        DEFAULT_MAX_HEADER_BYTES,
        DEFAULT_MAX_HEADER_COUNT);
  }

  /** Every default (1 MiB bodies, 32 threads, 30 s idle, 10 s for headers and for a body). */
  public static HttpInConfig of(String bindAddress, int port) {
    return new HttpInConfig(bindAddress, port, DEFAULT_MAX_BODY_BYTES, DEFAULT_THREADS);
  }

  public HttpInConfig withTimeouts(long idleMillis, long headerMillis, long bodyMillis) {
    return new HttpInConfig(
        bindAddress,
        port,
        maxBodyBytes,
        threads,
        acceptQueue,
        idleMillis,
        headerMillis,
        bodyMillis,
        maxHeaderBytes,
        maxHeaderCount);
  }

  /** Requests in a handler at once before the server answers 503. */
  int maxActiveRequests() {
    return threads;
  }

  private static void range(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
  }
}
