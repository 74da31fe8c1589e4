package io.ledgerbridge.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code serve} in its own JVM on this module's classpath, as an operator runs it. */
final class ServeProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  private final int port;

  private ServeProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code serve} with its data under {@code dir} and these extra variables. */
  static ServeProcess start(Path dir, Map<String, String> env) throws IOException {
    int port = freePort();
    Path log = dir.resolve("serve.log");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.ledgerbridge.app.cli.Main",
                "serve"));
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("LEDGER_"));
    e.put("LEDGER_DATA_DIR", dir.resolve("data").toString());
    e.put("LEDGER_HTTP_PORT", Integer.toString(port));
    e.put("LEDGER_ADMIN_HTTP_PORT", "0");
    e.putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ServeProcess(pb.start(), log, port);
  }

  /** Waits until the HTTP listener answers {@code /healthz}. */
  ServeProcess awaitListening() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("serve exited: " + log());
      }
      try {
        if (get("/healthz").statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve never listened: " + log());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Stops the process (SIGTERM, its shutdown hook runs) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
