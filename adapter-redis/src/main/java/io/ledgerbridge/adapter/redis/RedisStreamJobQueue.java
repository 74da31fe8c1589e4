package io.ledgerbridge.adapter.redis;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.JobStatus;
import io.ledgerbridge.ports.out.JobTransport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * {@link JobQueue} on a Redis Stream with one consumer group ({@value #GROUP}).
 *
 * <p>Keys, all under {@code <prefix><stream>}: the stream itself (entries carry the job's fields;
 * one entry per delivery cycle), {@code :delayed} (sorted set of job ids scored by due time in
 * epoch microseconds), {@code :dead} (dead-letter stream, newest last) and {@code :job:<id>} (hash
 * with the job's current state and its live stream entry id in {@code entry}, or {@code
 * dead_entry}).
 *
 * <p>{@link #claimDue} is one script: it moves delayed jobs due by the caller's {@code now} to the
 * stream (oldest due first), reclaims with XAUTOCLAIM the entries whose delivery has been idle for
 * longer than {@code visibility}, parks in the dead-letter stream those delivered more than {@code
 * maxDeliveries} times (telling the {@link DeadLetterListener}), then reads new entries with
 * XREADGROUP. Due times therefore follow the caller's clock, but visibility is the Redis server's
 * idle time of the pending entry, so every consumer agrees on it whatever its own clock says.
 * Completing, retrying and dead-lettering acknowledge and delete the entry, so the stream only
 * holds live work.
 *
 * <p>Enqueue is idempotent per job id while the job is known (pending or parked): a relay that
 * republishes after a Redis outage does not duplicate work. Unlike the JDBC queue it cannot join
 * the caller's database transaction; the database outbox stays the source of truth.
 */
final class RedisStreamJobQueue implements JobTransport {
  static final String GROUP = "workers";
  private static final Logger log = LoggerFactory.getLogger(RedisStreamJobQueue.class);
  private static final int MOVE_BATCH = 1000;

  /** Shared Lua helpers; every script below starts with them. */
  private static final String LIB =
      """
      local function ensureGroup(stream, group)
        if redis.call('EXISTS', stream) == 0 then
          redis.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
        end
      end
      local function addEntry(stream, key)
        local h = redis.call('HMGET', key, 'id', 'kind', 'sync_run_id', 'tenant_id', 'attempts',
          'created_at')
        local eid = redis.call('XADD', stream, '*', 'id', h[1], 'kind', h[2], 'sync_run_id', h[3],
          'tenant_id', h[4], 'attempts', h[5], 'created_at', h[6])
        redis.call('HSET', key, 'entry', eid)
        return eid
      end
      local function dropEntry(stream, group, key)
        local eid = redis.call('HGET', key, 'entry')
        if eid then
          redis.call('XACK', stream, group, eid)
          redis.call('XDEL', stream, eid)
          redis.call('HDEL', key, 'entry')
        end
      end
      local function park(stream, group, dead, key, err, at)
        dropEntry(stream, group, key)
        redis.call('HINCRBY', key, 'attempts', 1)
        redis.call('HSET', key, 'status', 'dead_lettered', 'last_error', err, 'dead_at', at)
        local h = redis.call('HGETALL', key)
        local did = redis.call('XADD', dead, '*', unpack(h))
        redis.call('HSET', key, 'dead_entry', did)
        return h
      end
      """;

  /** KEYS stream, delayed, job; ARGV group, field..., has_error, due micros, now micros. */
  private static final LuaScript ENQUEUE =
      new LuaScript(
          LIB
              + """
              if redis.call('EXISTS', KEYS[3]) == 1 then
                return 0
              end
              redis.call('HSET', KEYS[3], 'id', ARGV[2], 'kind', ARGV[3], 'sync_run_id', ARGV[4],
                'tenant_id', ARGV[5], 'status', 'pending', 'attempts', ARGV[6],
                'next_attempt_at', ARGV[7], 'created_at', ARGV[8])
              if ARGV[9] == '1' then
                redis.call('HSET', KEYS[3], 'last_error', ARGV[10])
              end
              if tonumber(ARGV[11]) > tonumber(ARGV[12]) then
                redis.call('ZADD', KEYS[2], ARGV[11], ARGV[2])
              else
                ensureGroup(KEYS[1], ARGV[1])
                addEntry(KEYS[1], KEYS[3])
              end
              return 1
              """);

  /**
   * KEYS stream, delayed, dead; ARGV group, consumer, now micros, max, min idle ms, max deliveries,
   * job key prefix, now ISO, move batch. Returns {claimed hashes, parked hashes}.
   */
  private static final LuaScript CLAIM =
      new LuaScript(
          LIB
              + """
              local stream, delayed, dead = KEYS[1], KEYS[2], KEYS[3]
              local group, consumer = ARGV[1], ARGV[2]
              local max, maxDeliveries = tonumber(ARGV[4]), tonumber(ARGV[6])
              local jobPrefix = ARGV[7]
              ensureGroup(stream, group)
              local due = redis.call('ZRANGEBYSCORE', delayed, '-inf', ARGV[3], 'LIMIT', 0,
                tonumber(ARGV[9]))
              for _, id in ipairs(due) do
                local key = jobPrefix .. id
                if redis.call('HGET', key, 'status') == 'pending' then
                  addEntry(stream, key)
                end
                redis.call('ZREM', delayed, id)
              end
              local claimed, parked = {}, {}
              local function jobIdOf(fields)
                for i = 1, #fields, 2 do
                  if fields[i] == 'id' then
                    return fields[i + 1]
                  end
                end
                return nil
              end
              local function deliver(eid, fields, deliveries)
                local id = jobIdOf(fields)
                local key = id and (jobPrefix .. id)
                if not key or redis.call('HGET', key, 'status') ~= 'pending'
                    or redis.call('HGET', key, 'entry') ~= eid then
                  redis.call('XACK', stream, group, eid)
                  redis.call('XDEL', stream, eid)
                  return
                end
                if deliveries > maxDeliveries then
                  local err = 'poison: delivered ' .. deliveries .. ' times without an outcome'
                  table.insert(parked, park(stream, group, dead, key, err, ARGV[8]))
                  return
                end
                table.insert(claimed, redis.call('HGETALL', key))
              end
              local cursor, rounds = '0-0', 0
              while #claimed < max and rounds < 10 do
                local r = redis.call('XAUTOCLAIM', stream, group, consumer, ARGV[5], cursor,
                  'COUNT', max - #claimed)
                cursor = r[1]
                for _, e in ipairs(r[2]) do
                  if type(e) == 'table' and e[2] then
                    local p = redis.call('XPENDING', stream, group, e[1], e[1], 1)
                    local deliveries = 1
                    if p[1] then
                      deliveries = tonumber(p[1][4])
                    end
                    deliver(e[1], e[2], deliveries)
                  end
                end
                rounds = rounds + 1
                if cursor == '0-0' then
                  break
                end
              end
              rounds = 0
              while #claimed < max and rounds < 10 do
                local r = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', max - #claimed,
                  'STREAMS', stream, '>')
                if not r or not r[1] or #r[1][2] == 0 then
                  break
                end
                for _, e in ipairs(r[1][2]) do
                  deliver(e[1], e[2], 1)
                end
                rounds = rounds + 1
              end
              return {claimed, parked}
              """);

  /** KEYS stream, delayed, job; ARGV group, id. */
  private static final LuaScript COMPLETE =
      new LuaScript(
          LIB
              + """
              if redis.call('HGET', KEYS[3], 'status') ~= 'pending' then
                return 0
              end
              dropEntry(KEYS[1], ARGV[1], KEYS[3])
              redis.call('ZREM', KEYS[2], ARGV[2])
              redis.call('DEL', KEYS[3])
              return 1
              """);

  /** KEYS stream, delayed, job; ARGV group, id, at micros, at ISO, error. */
  private static final LuaScript RETRY =
      new LuaScript(
          LIB
              + """
              if redis.call('HGET', KEYS[3], 'status') ~= 'pending' then
                return 0
              end
              dropEntry(KEYS[1], ARGV[1], KEYS[3])
              redis.call('HINCRBY', KEYS[3], 'attempts', 1)
              redis.call('HSET', KEYS[3], 'next_attempt_at', ARGV[4], 'last_error', ARGV[5])
              redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
              return 1
              """);

  /** KEYS stream, delayed, job; ARGV group, id, due micros, due ISO. Like RETRY, no failure. */
  private static final LuaScript DEFER =
      new LuaScript(
          LIB
              + """
              if redis.call('HGET', KEYS[3], 'status') ~= 'pending' then
                return 0
              end
              dropEntry(KEYS[1], ARGV[1], KEYS[3])
              redis.call('HSET', KEYS[3], 'next_attempt_at', ARGV[4])
              redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
              return 1
              """);

  /** KEYS stream, delayed, job, dead; ARGV group, id, error, now ISO. */
  private static final LuaScript DEAD_LETTER =
      new LuaScript(
          LIB
              + """
              if redis.call('HGET', KEYS[3], 'status') ~= 'pending' then
                return 0
              end
              redis.call('ZREM', KEYS[2], ARGV[2])
              park(KEYS[1], ARGV[1], KEYS[4], KEYS[3], ARGV[3], ARGV[4])
              return 1
              """);

  /** KEYS stream, dead, job; ARGV group, now ISO. */
  private static final LuaScript REQUEUE =
      new LuaScript(
          LIB
              + """
              if redis.call('HGET', KEYS[3], 'status') ~= 'dead_lettered' then
                return 0
              end
              local did = redis.call('HGET', KEYS[3], 'dead_entry')
              if did then
                redis.call('XDEL', KEYS[2], did)
              end
              redis.call('HDEL', KEYS[3], 'dead_entry', 'dead_at')
              redis.call('HSET', KEYS[3], 'status', 'pending', 'attempts', '0',
                'next_attempt_at', ARGV[2])
              ensureGroup(KEYS[1], ARGV[1])
              addEntry(KEYS[1], KEYS[3])
              return 1
              """);

  /** KEYS stream; ARGV group, consumer. Drops this consumer from the group if it holds nothing. */
  private static final LuaScript FORGET_CONSUMER =
      new LuaScript(
          """
          if redis.call('EXISTS', KEYS[1]) == 0 then
            return 0
          end
          local p = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
          if #p > 0 then
            return 0
          end
          return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
          """);

  private final UnifiedJedis redis;
  private final Clock clock;
  private final int maxDeliveries;
  private final DeadLetterListener listener;
  private final String consumer;
  private final String stream;
  private final String delayed;
  private final String dead;
  private final String jobPrefix;

  RedisStreamJobQueue(
      UnifiedJedis redis,
      String keyPrefix,
      String streamName,
      int maxDeliveries,
      Clock clock,
      DeadLetterListener listener) {
    Objects.requireNonNull(streamName, "streamName");
    if (streamName.isBlank()) {
      throw new IllegalArgumentException("streamName is blank");
    }
    if (maxDeliveries < 1) {
      throw new IllegalArgumentException("maxDeliveries must be at least 1: " + maxDeliveries);
    }
    this.redis = redis;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxDeliveries = maxDeliveries;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.consumer = consumerName();
    this.stream = keyPrefix + streamName;
    this.delayed = stream + ":delayed";
    this.dead = stream + ":dead";
    this.jobPrefix = stream + ":job:";
  }

  String consumer() {
    return consumer;
  }

  @Override
  public void enqueue(Job job) {
    if (ENQUEUE.runForLong(redis, enqueueKeys(job), enqueueArgs(job)) == 0L) {
      log.debug("job {} already queued; enqueue ignored", job.id());
    }
  }

  /**
   * One pipelined round trip (after a script load): the enqueue script once per job. A job already
   * queued is left as it is, as {@link #enqueue} does.
   */
  @Override
  public void enqueueAll(List<Job> jobs) {
    if (jobs.size() < 2) {
      jobs.forEach(this::enqueue);
      return;
    }
    List<List<String>> keys = new ArrayList<>(jobs.size());
    List<List<String>> args = new ArrayList<>(jobs.size());
    for (Job job : jobs) {
      keys.add(enqueueKeys(job));
      args.add(enqueueArgs(job));
    }
    ENQUEUE.runAll(redis, keys, args);
  }

  private List<String> enqueueKeys(Job job) {
    Objects.requireNonNull(job, "job");
    if (job.status() != JobStatus.PENDING) {
      throw new IllegalArgumentException("only pending jobs are enqueued: " + job.status());
    }
    return List.of(stream, delayed, jobKey(job.id()));
  }

  private List<String> enqueueArgs(Job job) {
    return List.of(
        GROUP,
        job.id().toString(),
        job.kind().db(),
        job.syncRunId().toString(),
        job.tenantId(),
        Integer.toString(job.attempts()),
        job.nextAttemptAt().toString(),
        job.createdAt().toString(),
        job.lastError() == null ? "0" : "1",
        job.lastError() == null ? "" : job.lastError(),
        Long.toString(RedisTime.micros(job.nextAttemptAt())),
        Long.toString(RedisTime.micros(clock.instant())));
  }

  @Override
  public List<Job> claimDue(Instant now, int max, Duration visibility) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(visibility, "visibility");
    if (max <= 0) {
      return List.of();
    }
    List<?> result =
        (List<?>)
            CLAIM.run(
                redis,
                List.of(stream, delayed, dead),
                List.of(
                    GROUP,
                    consumer,
                    Long.toString(RedisTime.micros(now)),
                    Integer.toString(max),
                    Long.toString(Math.max(0L, visibility.toMillis())),
                    Integer.toString(maxDeliveries),
                    jobPrefix,
                    clock.instant().toString(),
                    Integer.toString(MOVE_BATCH)));
    List<Job> claimed = new ArrayList<>();
    for (Object hash : (List<?>) result.get(0)) {
      claimed.add(toJob(fields((List<?>) hash)));
    }
    for (Object hash : (List<?>) result.get(1)) {
      Job parked = toJob(fields((List<?>) hash));
      log.warn("job {} parked in the dead-letter stream: {}", parked.id(), parked.lastError());
      try {
        listener.deadLettered(parked, parked.lastError());
      } catch (RuntimeException e) {
        log.error("dead-letter listener failed for job {}", parked.id(), e);
      }
    }
    return claimed;
  }

  @Override
  public void complete(UUID jobId) {
    COMPLETE.run(redis, List.of(stream, delayed, jobKey(jobId)), List.of(GROUP, jobId.toString()));
  }

  /** One pipelined round trip: the complete script once per job. */
  @Override
  public void completeAll(List<UUID> jobIds) {
    if (jobIds.size() < 2) {
      jobIds.forEach(this::complete);
      return;
    }
    List<List<String>> keys = new ArrayList<>(jobIds.size());
    List<List<String>> args = new ArrayList<>(jobIds.size());
    for (UUID id : jobIds) {
      keys.add(List.of(stream, delayed, jobKey(id)));
      args.add(List.of(GROUP, id.toString()));
    }
    COMPLETE.runAll(redis, keys, args);
  }

  @Override
  public void retryAt(UUID jobId, Instant at, String error) {
    Objects.requireNonNull(at, "at");
    RETRY.run(
        redis,
        List.of(stream, delayed, jobKey(jobId)),
        List.of(
            GROUP,
            jobId.toString(),
            Long.toString(RedisTime.micros(at)),
            at.toString(),
            error == null ? "" : error));
  }

  @Override
  public void defer(UUID jobId, Instant at) {
    Objects.requireNonNull(at, "at");
    DEFER.run(
        redis,
        List.of(stream, delayed, jobKey(jobId)),
        List.of(GROUP, jobId.toString(), Long.toString(RedisTime.micros(at)), at.toString()));
  }

  @Override
  public void deadLetter(UUID jobId, String error) {
    DEAD_LETTER.run(
        redis,
        List.of(stream, delayed, jobKey(jobId), dead),
        List.of(GROUP, jobId.toString(), error == null ? "" : error, clock.instant().toString()));
  }

  @Override
  public List<Job> deadLetters(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    List<StreamEntry> entries = redis.xrevrange(dead, "+", "-", limit);
    List<Job> jobs = new ArrayList<>(entries.size());
    for (StreamEntry e : entries) {
      jobs.add(toJob(e.getFields()));
    }
    return jobs;
  }

  @Override
  public boolean requeue(UUID jobId, Instant now) {
    Objects.requireNonNull(now, "now");
    return REQUEUE.runForLong(
            redis, List.of(stream, dead, jobKey(jobId)), List.of(GROUP, now.toString()))
        == 1L;
  }

  /** Leaves the consumer group if this consumer holds no unacknowledged delivery. */
  void close() {
    try {
      FORGET_CONSUMER.run(redis, List.of(stream), List.of(GROUP, consumer));
    } catch (RuntimeException e) {
      log.debug("could not remove consumer {} from {}", consumer, stream, e);
    }
  }

  @Override
  public boolean tracks(UUID jobId) {
    return redis.exists(jobKey(jobId));
  }

  private String jobKey(UUID jobId) {
    return jobPrefix + Objects.requireNonNull(jobId, "jobId");
  }

  private static Map<String, String> fields(List<?> flat) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return map;
  }

  private static Job toJob(Map<String, String> f) {
    String lastError = f.get("last_error");
    return new Job(
        UUID.fromString(f.get("id")),
        JobKind.fromDb(f.get("kind")),
        UUID.fromString(f.get("sync_run_id")),
        f.get("tenant_id"),
        JobStatus.fromDb(f.get("status")),
        Integer.parseInt(f.get("attempts")),
        Instant.parse(f.get("next_attempt_at")),
        lastError,
        Instant.parse(f.get("created_at")));
  }

  private static String consumerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    long pid = ProcessHandle.current().pid();
    return host + ":" + pid + ":" + UUID.randomUUID();
  }
}
