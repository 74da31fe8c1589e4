package io.ledgerbridge.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Chassis roles as real child processes ({@code java -cp <test class path>
 * io.ledgerbridge.app.cli.Main <role>}) sharing one fresh PostgreSQL schema, one secret key and,
 * unless PostgreSQL-only, one Redis key prefix. Each process's output goes to {@code
 * target/faults/<test>/<role>-<n>.log}. {@link #close()} kills every process it started (SIGKILL),
 * drops the schema and deletes the Redis keys.
 */
final class ChassisProcesses implements AutoCloseable {
  static final String PG_URL = env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = env("LEDGER_TEST_PG_USER", "postgres");
  static final String PG_PASSWORD = System.getenv("LEDGER_TEST_PG_PASSWORD");
  static final String REDIS_URL = env("LEDGER_TEST_REDIS_URL", "redis://127.0.0.1:6379");
  static final Duration READY_WAIT = Duration.ofSeconds(60);
  private static final Pattern PG_HOST = Pattern.compile("^(jdbc:postgresql://)([^/?]+)(.*)$");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One child process and its log. */
  static final class Role {
    final String role;
    final String name;
    final Process process;
    final Path log;

    Role(String role, String name, Process process, Path log) {
      this.role = role;
      this.name = name;
      this.process = process;
      this.log = log;
    }

    String logText() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    @Override
    public String toString() {
      return name + "(pid " + process.pid() + (process.isAlive() ? "" : ", dead") + ")";
    }
  }

  private final String testName;
  private final Path logDir;
  private final Path dataDir;
  private final String schema;
  private final String secretKey;
  private final String redisUrl;
  private final String redisPrefix;
  private final int httpPort;
  private final List<Role> roles = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> counters = new LinkedHashMap<>();
  private volatile String childDbHostPort;

  /**
   * @param redisUrl null for PostgreSQL-only; otherwise the Redis the processes use (the shared
   *     test Redis or a private one)
   */
  ChassisProcesses(String testName, String redisUrl) {
    this.testName = testName;
    this.schema = "lb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.secretKey = Base64.getEncoder().encodeToString(key);
    this.redisUrl = redisUrl;
    this.redisPrefix = "lbfault:" + schema + ":";
    this.httpPort = freePort();
    try {
      this.logDir = Files.createDirectories(Path.of("target", "faults", testName)).toAbsolutePath();
      for (Path old : Files.newDirectoryStream(logDir)) {
        Files.deleteIfExists(old);
      }
      this.dataDir = Files.createTempDirectory("lb-faults-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sql("CREATE SCHEMA " + schema);
  }

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** host:port of the PostgreSQL the tests use. */
  static String pgHostPort() {
    Matcher m = PG_HOST.matcher(PG_URL);
    if (!m.matches()) {
      throw new IllegalStateException("cannot parse LEDGER_TEST_PG_URL " + PG_URL);
    }
    return m.group(2).contains(":") ? m.group(2) : m.group(2) + ":5432";
  }

  /** Routes the child processes (started from now on) to this host:port, e.g. a proxy. */
  void routeDatabaseThrough(String hostPort) {
    this.childDbHostPort = hostPort;
  }

  String schema() {
    return schema;
  }

  int httpPort() {
    return httpPort;
  }

  String webUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  Path logDir() {
    return logDir;
  }

  private String dbUrl(String hostPort) {
    String url = PG_URL;
    if (hostPort != null) {
      Matcher m = PG_HOST.matcher(url);
      if (!m.matches()) {
        throw new IllegalStateException("cannot parse LEDGER_TEST_PG_URL " + url);
      }
      url = m.group(1) + hostPort + m.group(3);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** The environment of every child process. */
  Map<String, String> childEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LEDGER_DB_URL", dbUrl(childDbHostPort));
    env.put("LEDGER_DB_USER", PG_USER);
    if (PG_PASSWORD != null) {
      env.put("LEDGER_DB_PASSWORD", PG_PASSWORD);
    }
    env.put("LEDGER_DB_POOL_SIZE", "4");
    env.put("LEDGER_SECRET_KEY", secretKey);
    if (redisUrl != null) {
      env.put("LEDGER_REDIS_URL", redisUrl);
      env.put("LEDGER_REDIS_PREFIX", redisPrefix);
    }
    env.put("LEDGER_HTTP_PORT", Integer.toString(httpPort));
    env.put("LEDGER_WORKER_THREADS", "2");
    env.put("LEDGER_SWEEP_MS", "100");
    env.put("LEDGER_VISIBILITY_SECONDS", "5");
    env.put("LEDGER_LEASE_SECONDS", "5");
    env.put("LEDGER_RECONCILE_SECONDS", "3");
    env.put("LEDGER_MAX_DELIVERIES", "5");
    env.put("LEDGER_DATA_DIR", dataDir.toString());
    return env;
  }

  /**
   * The environment the test JVM opens the chassis with (to register the binding and run the
   * migrations before any role starts): the database directly, no Redis, no HTTP.
   */
  Map<String, String> registrationEnvironment() {
    Map<String, String> env = new LinkedHashMap<>(childEnvironment());
    env.put("LEDGER_DB_URL", dbUrl(null));
    env.remove("LEDGER_REDIS_URL");
    env.put("LEDGER_HTTP_PORT", "0");
    return env;
  }

  /** Starts the roles (concurrently) and waits until each is ready. */
  List<Role> start(String... roleNames) {
    List<Role> started = new ArrayList<>();
    for (String r : roleNames) {
      started.add(spawn(r));
    }
    for (Role r : started) {
      awaitReady(r);
    }
    return started;
  }

  Role start(String roleName) {
    return start(new String[] {roleName}).get(0);
  }

  private synchronized Role spawn(String role) {
    int n = counters.merge(role, 1, Integer::sum);
    String name = role + "-" + n;
    Path log = logDir.resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
            "-cp", System.getProperty("java.class.path"),
            "io.ledgerbridge.app.cli.Main", role);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("LEDGER_"));
    pb.environment().putAll(childEnvironment());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process p = pb.start();
      Role r = new Role(role, name, p, log);
      roles.add(r);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private void awaitReady(Role r) {
    long deadline = System.nanoTime() + READY_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!r.process.isAlive()) {
        throw new AssertionError(
            r.name + " exited with " + r.process.exitValue() + " before it was ready:\n"
                + tail(r.logText(), 60));
      }
      if (ready(r)) {
        return;
      }
      sleep(50);
    }
    throw new AssertionError(r.name + " not ready within " + READY_WAIT + ":\n" + tail(r.logText(), 60));
  }

  private boolean ready(Role r) {
    String log = r.logText();
    return switch (r.role) {
      case "web", "serve" -> log.contains("http listening on") && healthz();
      case "worker" -> log.contains("workers started");
      case "relay" -> redisUrl == null || log.contains("relay started");
      default -> true;
    };
  }

  boolean healthz() {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(webUrl() + "/healthz"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is released. */
  void kill(Role r) {
    r.process.destroyForcibly();
    try {
      r.process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    appendNote(r, "=== killed with SIGKILL by the test ===");
  }

  private static void appendNote(Role r, String note) {
    try {
      Files.writeString(
          r.log, System.lineSeparator() + note + System.lineSeparator(), StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // diagnostics only
    }
  }

  List<Role> roles() {
    return List.copyOf(roles);
  }

  // ------------------------------------------------------------------ database access for checks

  Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(dbUrl(null), PG_USER, PG_PASSWORD);
    return c;
  }

  /** Rows of a query in the test schema as "col=value, ..." lines (diagnostics and checks). */
  List<Map<String, Object>> query(String sql) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int cols = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= cols; i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
    }
    return rows;
  }

  private static void sql(String statement) {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement st = c.createStatement()) {
      st.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ diagnostics

  String diagnostics() {
    StringBuilder b = new StringBuilder();
    b.append("schema ").append(schema).append(", logs in ").append(logDir).append('\n');
    try {
      b.append("jobs by kind/status: ")
          .append(query("SELECT kind, status, count(*) AS n, max(attempts) AS max_attempts"
              + " FROM jobs GROUP BY kind, status ORDER BY kind, status"))
          .append('\n');
      b.append("unfinished or dead jobs: ")
          .append(query("SELECT kind, status, attempts, next_attempt_at, locked_until,"
              + " published_at, last_error FROM jobs WHERE status <> 'succeeded'"
              + " ORDER BY created_at LIMIT 20"))
          .append('\n');
      b.append("runs: ")
          .append(query("SELECT store_entity_id, status, attempts, sage_reference, error_code,"
              + " error_message FROM sync_runs ORDER BY store_entity_id"))
          .append('\n');
    } catch (RuntimeException e) {
      b.append("database unavailable for diagnostics: ").append(e.getMessage()).append('\n');
    }
    if (redisUrl != null) {
      b.append(redisDiagnostics());
    }
    for (Role r : roles) {
      b.append("---- ").append(r).append(" (last 40 lines)\n").append(tail(r.logText(), 40));
      if (r.process.isAlive()) {
        b.append("     thread dump: ").append(threadDump(r)).append('\n');
      }
    }
    return b.toString();
  }

  /** Writes {@code jcmd <pid> Thread.print} next to the process log; returns the file. */
  private Path threadDump(Role r) {
    Path out = logDir.resolve(r.name + "-threads-" + System.currentTimeMillis() + ".txt");
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(r.process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  private String redisDiagnostics() {
    StringBuilder b = new StringBuilder("redis (prefix ").append(redisPrefix).append("):\n");
    try (JedisPooled redis = new JedisPooled(redisUrl)) {
      String stream = redisPrefix + "jobs";
      if (redis.exists(stream)) {
        b.append("  stream length ").append(redis.xlen(stream))
            .append(", pending ")
            .append(redis.xpending(stream, "workers",
                XPendingParams.xPendingParams().count(20)).stream()
                .map(p -> p.getID() + " consumer=" + p.getConsumerName() + " idle="
                    + p.getIdleTime() + "ms deliveries=" + p.getDeliveredTimes())
                .toList())
            .append('\n');
      }
      b.append("  delayed ")
          .append(redis.zrangeWithScores(stream + ":delayed", 0, 20))
          .append('\n');
      ScanParams params = new ScanParams().match(stream + ":job:*").count(500);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, params);
        for (String key : page.getResult()) {
          b.append("  ").append(key.substring(redisPrefix.length())).append(' ')
              .append(redis.hgetAll(key)).append('\n');
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    } catch (RuntimeException e) {
      b.append("  unavailable: ").append(e.getMessage()).append('\n');
    }
    return b.toString();
  }

  static String tail(String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length)) + "\n";
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (Role r : roles) {
      if (r.process.isAlive()) {
        r.process.destroyForcibly();
      }
    }
    for (Role r : roles) {
      try {
        r.process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (RuntimeException e) {
      System.err.println("could not drop schema " + schema + ": " + e.getMessage());
    }
    if (redisUrl != null) {
      deleteRedisKeys(redisUrl, redisPrefix);
    }
    deleteTree(dataDir);
  }

  static void deleteRedisKeys(String url, String prefix) {
    try (JedisPooled redis = new JedisPooled(url)) {
      ScanParams params = new ScanParams().match(prefix + "*").count(500);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, params);
        if (!page.getResult().isEmpty()) {
          redis.del(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    } catch (RuntimeException e) {
      System.err.println("could not delete Redis keys " + prefix + "*: " + e.getMessage());
    }
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temp dir; best effort
    }
  }

  @Override
  public String toString() {
    return "ChassisProcesses[" + testName + ", schema " + schema + "]";
  }
}
