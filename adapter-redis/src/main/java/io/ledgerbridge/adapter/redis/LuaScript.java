package io.ledgerbridge.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by its SHA1, loaded on first use or after a server restart (NOSCRIPT). */
final class LuaScript {
  private final String source;
  private final String sha;

  LuaScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(source, keys, args);
    }
  }

  /**
   * Runs the script once per argument set in one pipelined round trip, by its SHA1. Calls the
   * server answers NOSCRIPT (it restarted or flushed its scripts) load the script and run again;
   * any other error answer throws.
   */
  void runAll(UnifiedJedis redis, List<List<String>> keys, List<List<String>> args) {
    List<Integer> missing = new ArrayList<>();
    List<Response<Object>> answers = new ArrayList<>(keys.size());
    try (var pipeline = redis.pipelined()) {
      for (int i = 0; i < keys.size(); i++) {
        answers.add(pipeline.evalsha(sha, keys.get(i), args.get(i)));
      }
      pipeline.sync();
    }
    for (int i = 0; i < answers.size(); i++) {
      try {
        answers.get(i).get();
      } catch (JedisNoScriptException e) {
        missing.add(i);
      }
    }
    for (int i : missing) {
      run(redis, keys.get(i), args.get(i)); // EVAL loads it for the next calls
    }
  }

  long runForLong(UnifiedJedis redis, List<String> keys, List<String> args) {
    return ((Number) run(redis, keys, args)).longValue();
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 missing from the JDK", e);
    }
  }
}
