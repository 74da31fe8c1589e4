package io.ledgerbridge.bench.faults;

import io.ledgerbridge.bench.reliability.faults.ChassisChildren;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.clients.jedis.JedisPooled;

/**
 * A redis-server of the test's own, without persistence, on a fixed free port: stopping it with
 * SIGKILL and starting it again on the same port gives the chassis an empty Redis, as a restart
 * without AOF would.
 */
final class PrivateRedis implements AutoCloseable {
  private final Path binary;
  private final int port;
  private final Path log;
  private Process process;

  private PrivateRedis(Path binary, int port, Path log) {
    this.binary = binary;
    this.port = port;
    this.log = log;
  }

  /** The redis-server binary, or null when none is installed. */
  static Path findBinary() {
    for (String candidate : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, "redis-server");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  static PrivateRedis start(Path binary, Path logDir) {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PrivateRedis redis =
        new PrivateRedis(binary, ChassisChildren.freePort(), logDir.resolve("redis-server.log"));
    redis.startProcess();
    return redis;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: the data is gone. */
  void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts (again) on the same port, empty, and waits until it answers PING. */
  void startProcess() {
    ProcessBuilder pb =
        new ProcessBuilder(
            binary.toString(),
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited; see " + log);
      }
      try (JedisPooled j = new JedisPooled(url())) {
        if ("PONG".equals(j.ping())) {
          return;
        }
      } catch (RuntimeException e) {
        // not up yet
      }
      ChassisChildren.sleep(50);
    }
    throw new IllegalStateException("redis-server did not answer PING; see " + log);
  }

  @Override
  public void close() {
    kill();
  }
}
