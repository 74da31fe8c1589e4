package io.ledgerbridge.adapter.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where Redis is and how this process uses it.
 *
 * @param url {@code redis://[user:password@]host:port[/db]} (or {@code rediss://} for TLS)
 * @param keyPrefix prepended to every key, e.g. {@code "lb:"}; lets several installations or test
 *     runs share one Redis
 * @param poolSize maximum pooled connections
 */
public record RedisConfig(String url, String keyPrefix, int poolSize) {
  public static final String DEFAULT_PREFIX = "lb:";
  public static final int DEFAULT_POOL_SIZE = 16;

  public RedisConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Redis URL is not a valid URI");
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
      throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("Redis URL has no host");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
    }
  }

  public static RedisConfig of(String url) {
    return new RedisConfig(url, DEFAULT_PREFIX, DEFAULT_POOL_SIZE);
  }

  URI uri() {
    return URI.create(url);
  }

  /** The URL without credentials, for logs and messages. */
  public String redactedUrl() {
    URI uri = uri();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getPath() == null ? "" : uri.getPath();
    return uri.getScheme() + "://" + uri.getHost() + port + path;
  }

  @Override
  public String toString() {
    return "RedisConfig[url="
        + redactedUrl()
        + ", keyPrefix="
        + keyPrefix
        + ", poolSize="
        + poolSize
        + "]";
  }
}
