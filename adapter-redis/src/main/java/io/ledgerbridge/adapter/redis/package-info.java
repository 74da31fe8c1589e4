/**
 * The Redis adapter (Jedis): the job queue on a Stream with one consumer group (XREADGROUP/XACK,
 * deliveries idle past the visibility timeout reclaimed with XAUTOCLAIM, the delivery counter
 * moving poison jobs to a dead-letter stream, delayed retries in a sorted set moved to the stream
 * when due), the JWT replay guard, the per-business lease and the token-bucket rate governor. Every
 * multi-key step is one Lua script so several processes can share one Redis. {@link
 * io.ledgerbridge.adapter.redis.RedisAdapter} is the factory; {@link
 * io.ledgerbridge.adapter.redis.RedisConfig} and {@link
 * io.ledgerbridge.adapter.redis.DeadLetterListener} are the only other public types. All keys start
 * with the configured prefix; put a hash tag in it (e.g. {@code "{lb}:"}) to run on Redis Cluster.
 * Redis must run with {@code maxmemory-policy noeviction} and AOF persistence for the queue.
 */
package io.ledgerbridge.adapter.redis;
