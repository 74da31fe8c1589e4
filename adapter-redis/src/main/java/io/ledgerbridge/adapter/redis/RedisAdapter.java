package io.ledgerbridge.adapter.redis;

import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.JobTransport;
import io.ledgerbridge.ports.out.RateGovernor;
import io.ledgerbridge.ports.out.ReplayGuard;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis adapter's factory: one connection pool per instance, shared by every port it hands out.
 * Thread-safe. Close it on shutdown.
 */
public final class RedisAdapter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);

  private final UnifiedJedis redis;
  private final RedisConfig config;
  private final Clock clock;
  private final List<RedisStreamJobQueue> queues = new CopyOnWriteArrayList<>();

  private RedisAdapter(UnifiedJedis redis, RedisConfig config, Clock clock) {
    this.redis = redis;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Opens a pool to {@code config.url()}. Does not fail when Redis is down; {@link #ping()} tells.
   *
   * @param clock judges replay-guard expiry and stamps queue bookkeeping (enqueue due times,
   *     dead-letter times)
   */
  public static RedisAdapter connect(RedisConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolSize());
    pool.setMaxIdle(config.poolSize());
    pool.setMinIdle(0);
    pool.setTestWhileIdle(true);
    log.info("Redis at {} with key prefix '{}'", config.redactedUrl(), config.keyPrefix());
    return new RedisAdapter(new JedisPooled(pool, config.uri()), config, clock);
  }

  /** The job queue on stream {@code streamName}, parking poison jobs silently. */
  public JobTransport jobQueue(String streamName, int maxDeliveries) {
    return jobQueue(streamName, maxDeliveries, DeadLetterListener.NONE);
  }

  /**
   * The job queue on stream {@code <keyPrefix><streamName>}.
   *
   * @param maxDeliveries deliveries of one queue entry without an outcome (complete, retry, dead
   *     letter) after which the queue parks the job itself and tells {@code listener}
   */
  public JobTransport jobQueue(String streamName, int maxDeliveries, DeadLetterListener listener) {
    RedisStreamJobQueue queue =
        new RedisStreamJobQueue(
            redis, config.keyPrefix(), streamName, maxDeliveries, clock, listener);
    queues.add(queue);
    return queue;
  }

  /** JWT {@code jti} replay guard; expiry is judged by the adapter's clock. */
  public ReplayGuard replayGuard() {
    return new RedisReplayGuard(redis, config.keyPrefix(), clock);
  }

  /** Per-business lease; expiry is Redis's own TTL. */
  public BusinessLease businessLease() {
    return new RedisBusinessLease(redis, config.keyPrefix());
  }

  /**
   * Token buckets per application and per business, refilled by the Redis server clock.
   *
   * @param appPerSecond refill rate of the one application-wide bucket
   * @param appBurst its capacity
   * @param businessPerSecond refill rate of each business's bucket
   * @param businessBurst its capacity
   */
  public RateGovernor rateGovernor(
      double appPerSecond, int appBurst, double businessPerSecond, int businessBurst) {
    return new RedisRateGovernor(
        redis, config.keyPrefix(), appPerSecond, appBurst, businessPerSecond, businessBurst);
  }

  /** True if Redis answers PING; never throws. */
  public boolean ping() {
    try {
      return "PONG".equalsIgnoreCase(redis.ping());
    } catch (RuntimeException e) {
      log.debug("Redis ping failed: {}", e.toString());
      return false;
    }
  }

  /**
   * Deletes every key under this adapter's prefix (SCAN + DEL in pages), for tearing down a scratch
   * installation such as a benchmark or a test. Returns how many keys were deleted.
   */
  public long deleteAllKeys() {
    long deleted = 0;
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page =
          redis.scan(cursor, new ScanParams().match(config.keyPrefix() + "*").count(1000));
      List<String> keys = page.getResult();
      if (!keys.isEmpty()) {
        deleted += redis.del(keys.toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    return deleted;
  }

  /** Removes idle consumers of the queues handed out and closes the pool. */
  @Override
  public void close() {
    for (RedisStreamJobQueue queue : queues) {
      queue.close();
    }
    redis.close();
  }
}
