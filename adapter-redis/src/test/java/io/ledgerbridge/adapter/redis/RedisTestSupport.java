package io.ledgerbridge.adapter.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis under test ({@code LEDGER_TEST_REDIS_URL}, default {@code redis://127.0.0.1:6379}) and
 * a key prefix of its own for every test, removed with SCAN + DEL afterwards.
 */
final class RedisTestSupport implements AutoCloseable {
  static final String URL =
      System.getenv().getOrDefault("LEDGER_TEST_REDIS_URL", "redis://127.0.0.1:6379");

  final String prefix = "lbtest:" + UUID.randomUUID() + ":";
  final JedisPooled raw = new JedisPooled(URL);
  private final List<RedisAdapter> adapters = new ArrayList<>();

  RedisAdapter adapter(Clock clock) {
    RedisAdapter adapter = RedisAdapter.connect(new RedisConfig(URL, prefix, 8), clock);
    adapters.add(adapter);
    return adapter;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis() + 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  List<String> keys() {
    List<String> keys = new ArrayList<>();
    ScanParams params = new ScanParams().match(prefix + "*").count(500);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = raw.scan(cursor, params);
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return keys;
  }

  @Override
  public void close() {
    for (RedisAdapter adapter : adapters) {
      adapter.close();
    }
    List<String> keys = keys();
    if (!keys.isEmpty()) {
      raw.del(keys.toArray(String[]::new));
    }
    raw.close();
  }
}
