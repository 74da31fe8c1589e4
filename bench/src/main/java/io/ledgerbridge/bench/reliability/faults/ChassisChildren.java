package io.ledgerbridge.bench.reliability.faults;

import io.ledgerbridge.adapter.redis.RedisAdapter;
import io.ledgerbridge.adapter.redis.RedisConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chassis roles as child processes of this JVM ({@code java -cp <this jar or class path>
 * io.ledgerbridge.app.cli.Main <role>}) sharing one fresh PostgreSQL schema, one secret key and,
 * unless PostgreSQL-only, one Redis key prefix. The children can be routed to PostgreSQL and Redis
 * through another host:port (e.g. a fault proxy); this JVM's own checks go to PostgreSQL directly.
 * Each child's output goes to {@code <logDir>/<role>-<n>.log}. {@link #close()} kills every child
 * (SIGKILL), drops the schema and deletes the Redis keys. Used by the {@link FaultsRunner} and by
 * the multi-process fault tests.
 */
public final class ChassisChildren implements AutoCloseable {
  static final Duration READY_WAIT = Duration.ofSeconds(90);
  private static final Pattern PG_HOST = Pattern.compile("^(jdbc:postgresql://)([^/?]+)(.*)$");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * One child process and its log.
   *
   * @param role the chassis role it runs ({@code web}, {@code worker}, {@code relay}, {@code
   *     serve})
   * @param name the role and a per-role counter, e.g. {@code worker-2}
   */
  public record Role(String role, String name, Process process, Path log) {
    /** The child's output so far; empty when the log cannot be read. */
    public String logText() {
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

  private final String pgUrl;
  private final String pgUser;
  private final String pgPassword;
  private final String redisUrl;
  private final Path logDir;
  private final Path dataDir;
  private final String schema;
  private final String secretKey;
  private final String redisPrefix;
  private final int httpPort;
  private final int adminPort;
  private final Map<String, String> extraEnv = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Long, String> cliFiles = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Role> roles = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> counters = new LinkedHashMap<>();
  private volatile String childDbHostPort;
  private volatile String childRedisUrl;

  /**
   * Creates the schema and clears earlier logs ({@code *.log}, thread dumps) from {@code logDir};
   * starts no process.
   *
   * @param redisUrl null for PostgreSQL-only children; otherwise the Redis they use
   * @param extraEnv added to (or overriding) every child's {@code LEDGER_*} environment
   */
  public ChassisChildren(
      String pgUrl,
      String pgUser,
      String pgPassword,
      String redisUrl,
      Path logDir,
      Map<String, String> extraEnv) {
    this.pgUrl = pgUrl;
    this.pgUser = pgUser;
    this.pgPassword = pgPassword;
    this.redisUrl = redisUrl;
    this.childRedisUrl = redisUrl;
    this.extraEnv.putAll(extraEnv);
    this.schema = "lb_rel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.secretKey = Base64.getEncoder().encodeToString(key);
    this.redisPrefix = "lbrel:" + schema + ":";
    this.httpPort = freePort();
    int admin = freePort();
    while (admin == httpPort) {
      admin = freePort();
    }
    this.adminPort = admin;
    try {
      this.logDir = Files.createDirectories(logDir).toAbsolutePath();
      try (var old = Files.newDirectoryStream(this.logDir, "{*.log,*-threads-*.txt}")) {
        for (Path p : old) {
          Files.deleteIfExists(p);
        }
      }
      this.dataDir = Files.createTempDirectory("lb-rel-faults-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sql("CREATE SCHEMA " + schema);
  }

  /**
   * A TCP port on the loopback interface that was free a moment ago, chosen below Linux's usual
   * ephemeral range (32768-60999): a child binds it only later, and meanwhile the sandboxes and
   * clients of this JVM take ephemeral ports, which must not be this one.
   */
  public static int freePort() {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 100; i++) {
      int candidate = random.nextInt(20_000, 32_000);
      try (ServerSocket s = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** host:port of a {@code jdbc:postgresql://} URL (port 5432 when absent). */
  public static String pgHostPort(String jdbcUrl) {
    Matcher m = PG_HOST.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot parse PostgreSQL URL " + jdbcUrl);
    }
    String hp = m.group(2);
    return hp.contains(":") ? hp : hp + ":5432";
  }

  /** The same Redis URL (user info, database) with the host and port replaced. */
  static String redisUrlVia(String redisUrl, String host, int port) {
    try {
      URI u = new URI(redisUrl);
      return new URI(u.getScheme(), u.getUserInfo(), host, port, u.getPath(), u.getQuery(), null)
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot parse Redis URL", e);
    }
  }

  /** Routes the children started from now on to PostgreSQL at this host:port, e.g. a proxy. */
  public void routeDatabaseThrough(String hostPort) {
    this.childDbHostPort = hostPort;
  }

  void routeRedisThrough(String url) {
    this.childRedisUrl = url;
  }

  /** The PostgreSQL schema the children share. */
  public String schema() {
    return schema;
  }

  /** The Redis this was given (not a route set later); null when PostgreSQL-only. */
  public String redisUrl() {
    return redisUrl;
  }

  /** The key prefix the children use in Redis. */
  public String redisPrefix() {
    return redisPrefix;
  }

  /** The base URL of the {@code web} or {@code serve} child. */
  public String webUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The admin listener of the {@code web} or {@code serve} child (console, admin API). */
  public String adminUrl() {
    return "http://127.0.0.1:" + adminPort;
  }

  /** Where the child logs (and thread dumps) go. */
  public Path logDir() {
    return logDir;
  }

  private String dbUrl(String hostPort) {
    String url = pgUrl;
    if (hostPort != null) {
      Matcher m = PG_HOST.matcher(url);
      if (!m.matches()) {
        throw new IllegalStateException("cannot parse PostgreSQL URL " + url);
      }
      url = m.group(1) + hostPort + m.group(3);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** The environment of every child process. */
  private Map<String, String> childEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LEDGER_DB_URL", dbUrl(childDbHostPort));
    if (pgUser != null) {
      env.put("LEDGER_DB_USER", pgUser);
    }
    if (pgPassword != null) {
      env.put("LEDGER_DB_PASSWORD", pgPassword);
    }
    env.put("LEDGER_DB_POOL_SIZE", "4");
    env.put("LEDGER_SECRET_KEY", secretKey);
    if (redisUrl != null) {
      env.put("LEDGER_REDIS_URL", childRedisUrl);
      env.put("LEDGER_REDIS_PREFIX", redisPrefix);
    }
    env.put("LEDGER_HTTP_PORT", Integer.toString(httpPort));
    env.put("LEDGER_ADMIN_HTTP_PORT", Integer.toString(adminPort));
    env.put("LEDGER_WORKER_THREADS", "2");
    env.put("LEDGER_SWEEP_MS", "100");
    env.put("LEDGER_VISIBILITY_SECONDS", "5");
    env.put("LEDGER_LEASE_SECONDS", "5");
    env.put("LEDGER_RECONCILE_SECONDS", "3");
    env.put("LEDGER_MAX_DELIVERIES", "10");
    env.put("LEDGER_DATA_DIR", dataDir.toString());
    env.putAll(extraEnv);
    return env;
  }

  /**
   * The environment this JVM opens a chassis with to register the bindings and run the migrations
   * before any child starts: the database directly, no Redis, no HTTP.
   */
  public Map<String, String> registrationEnvironment() {
    Map<String, String> env = new LinkedHashMap<>(childEnvironment());
    env.put("LEDGER_DB_URL", dbUrl(null));
    env.remove("LEDGER_REDIS_URL");
    env.put("LEDGER_HTTP_PORT", "0");
    return env;
  }

  /**
   * Starts the roles (concurrently) and waits until each is ready.
   *
   * @throws IllegalStateException when one exits or is not ready within 90 s (with its log's tail)
   */
  public List<Role> start(String... roleNames) {
    List<Role> started = new ArrayList<>();
    for (String r : roleNames) {
      started.add(spawn(r));
    }
    for (Role r : started) {
      awaitReady(r);
    }
    return started;
  }

  /** The java launcher and class path: the running JVM's, and this jar when run from one. */
  static List<String> javaCommand() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("java.class.path");
    try {
      var source = ChassisChildren.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path location = Path.of(source.getLocation().toURI());
        if (Files.isRegularFile(location) && location.toString().endsWith(".jar")) {
          classPath = location.toString();
        }
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // fall back to the class path
    }
    return List.of(java, "-cp", classPath == null ? "." + File.pathSeparator : classPath);
  }

  synchronized Role spawn(String role) {
    int n = counters.merge(role, 1, Integer::sum);
    String name = role + "-" + n;
    Path log = logDir.resolve(name + ".log");
    List<String> launcher = javaCommand();
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.get(0));
    cmd.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"));
    cmd.addAll(launcher.subList(1, launcher.size()));
    cmd.addAll(List.of("io.ledgerbridge.app.cli.Main", role));
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

  void awaitReady(Role r) {
    long deadline = System.nanoTime() + READY_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!r.process.isAlive()) {
        throw new IllegalStateException(
            r.name
                + " exited with "
                + r.process.exitValue()
                + " before it was ready:\n"
                + tail(r.logText(), 60));
      }
      if (ready(r)) {
        return;
      }
      sleep(50);
    }
    throw new IllegalStateException(
        r.name + " not ready within " + READY_WAIT + ":\n" + tail(r.logText(), 60));
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

  private boolean healthz() {
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

  /** SIGKILL: no shutdown hook runs, nothing is released. Waits until the child is gone. */
  public void kill(Role r) {
    r.process.destroyForcibly();
    try {
      r.process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.writeString(
          r.log,
          System.lineSeparator() + "=== killed with SIGKILL ===" + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // diagnostics only
    }
  }

  /** Adds (or overrides) a variable of the environment of the children started from now on. */
  public void putEnv(String name, String value) {
    extraEnv.put(name, value);
  }

  /** A finished command-line run: its exit code and what it printed. */
  public record CliResult(int exitCode, String stdout, String stderr) {}

  /**
   * Starts {@code io.ledgerbridge.app.cli.Main args...} with the children's environment plus {@code
   * env} (secrets passed as {@code env:NAME}); its output goes to files in the log directory.
   * {@link #awaitCli} waits for it.
   */
  public synchronized Process startCli(Map<String, String> env, String... args) {
    int n = counters.merge("cli", 1, Integer::sum);
    List<String> launcher = javaCommand();
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.get(0));
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    cmd.addAll(launcher.subList(1, launcher.size()));
    cmd.add("io.ledgerbridge.app.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("LEDGER_"));
    pb.environment().putAll(childEnvironment());
    pb.environment().put("LEDGER_HTTP_PORT", "0");
    pb.environment().putAll(env);
    pb.redirectOutput(logDir.resolve("cli-" + n + ".out").toFile());
    pb.redirectError(logDir.resolve("cli-" + n + ".err").toFile());
    try {
      Process p = pb.start();
      cliFiles.put(p.pid(), logDir.resolve("cli-" + n).toString());
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the command line", e);
    }
  }

  /** What a command line started by {@link #startCli} printed so far (standard output). */
  public String cliOutput(Process cli) {
    return readCliFile(cli, ".out");
  }

  /** Waits (at most {@code timeout}) for a command line started by {@link #startCli} to end. */
  public CliResult awaitCli(Process cli, Duration timeout) {
    try {
      if (!cli.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        cli.destroyForcibly();
        throw new IllegalStateException(
            "the command line did not end within "
                + timeout
                + ":\n"
                + readCliFile(cli, ".out")
                + readCliFile(cli, ".err"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new CliResult(cli.exitValue(), readCliFile(cli, ".out"), readCliFile(cli, ".err"));
  }

  /** Runs the command line to its end (at most 60 s). */
  public CliResult cli(Map<String, String> env, String... args) {
    return awaitCli(startCli(env, args), Duration.ofSeconds(60));
  }

  private String readCliFile(Process cli, String suffix) {
    String base = cliFiles.get(cli.pid());
    try {
      return base == null ? "" : Files.readString(Path.of(base + suffix), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Every child started so far, live or not. */
  public List<Role> roles() {
    return List.copyOf(roles);
  }

  /**
   * Writes {@code jcmd <pid> Thread.print} of a child next to its log (waiting at most 20 s).
   *
   * @return the file, or null when jcmd could not be started
   */
  public Path threadDump(Role r) {
    Path out = logDir.resolve(r.name + "-threads-" + System.currentTimeMillis() + ".txt");
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(r.process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(dbUrl(null), pgUser, pgPassword);
  }

  /** Rows of a query in the schema (directly, not through a route), column label to value. */
  public List<Map<String, Object>> query(String sql) {
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

  long count(String sql) {
    Object v = query(sql).get(0).values().iterator().next();
    return ((Number) v).longValue();
  }

  private void sql(String statement) {
    try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword);
        Statement st = c.createStatement()) {
      st.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  /** The last {@code lines} lines of {@code text}. */
  public static String tail(String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length)) + "\n";
  }

  /** Thread.sleep; an interrupt becomes an {@link IllegalStateException}. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Kills every child (SIGKILL), then drops the schema and deletes the Redis keys; logs stay. */
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
      try (RedisAdapter redis =
          RedisAdapter.connect(
              new RedisConfig(redisUrl, redisPrefix, 1), java.time.Clock.systemUTC())) {
        redis.deleteAllKeys();
      } catch (RuntimeException e) {
        System.err.println("could not delete Redis keys " + redisPrefix + "*: " + e.getMessage());
      }
    }
    try (var walk = Files.walk(dataDir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temp dir; best effort
    }
  }
}
