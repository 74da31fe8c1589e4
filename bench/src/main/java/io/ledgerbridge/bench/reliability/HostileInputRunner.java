package io.ledgerbridge.bench.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Fires the hostile catalogue at a running chassis over real HTTP and judges each answer: the
 * status must be the expected one and below 500, the response (status line, headers, body) must not
 * carry a stack trace, an api key, a subkey or any token the case sent, and the number of stored
 * sync runs must grow by exactly what the case expects. Writes {@code hostile-input.md} and {@code
 * hostile-input.json}.
 *
 * <p>Cases run one after another; the run counter is read before and after each, so nothing else
 * may accept webhooks on that chassis meanwhile.
 */
public final class HostileInputRunner {
  /** Response text that betrays a stack trace or an internal class. */
  /**
   * What betrays a stack trace or internal class names in a response. A bare exception class name
   * without a package is not counted: the JDK's HTTP server answers a malformed request line or
   * Content-Length itself with {@code 400 <h1>URISyntaxException thrown</h1>} before any handler
   * runs (documented in ADR 0002); that names no package, file, line or secret.
   */
  public static final List<String> TRACE_MARKERS =
      List.of(
          "at io.",
          "at java.",
          "at org.",
          "at com.",
          "io.ledgerbridge.",
          "java.",
          "javax.",
          "com.fasterxml.",
          ".java:",
          "Caused by",
          "\tat ");

  static final int EXCERPT_CHARS = 300;

  private final HttpClient client;
  private final Duration timeout;

  public HostileInputRunner(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** What came back: {@code status} -1 and a {@code transportError} if no HTTP answer did. */
  public record Response(
      int status, Map<String, List<String>> headers, byte[] body, String transportError) {
    public Response {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      body = body == null ? new byte[0] : body;
    }

    static Response failed(String error) {
      return new Response(-1, Map.of(), new byte[0], error);
    }

    /** Headers and body as one text, for the leak check. */
    String text() {
      StringBuilder b = new StringBuilder();
      headers.forEach((k, vs) -> vs.forEach(v -> b.append(k).append(": ").append(v).append('\n')));
      return b.append('\n').append(new String(body, StandardCharsets.UTF_8)).toString();
    }
  }

  /** The verdict on one case. */
  public record CaseResult(
      String name,
      String category,
      String why,
      int expectedStatus,
      int actualStatus,
      int expectedNewRuns,
      int actualNewRuns,
      List<Integer> setupStatuses,
      String bodyExcerpt,
      List<String> leaks,
      String transportError) {
    public CaseResult {
      setupStatuses = List.copyOf(setupStatuses);
      leaks = List.copyOf(leaks);
    }

    public boolean statusMatches() {
      return expectedStatus == actualStatus;
    }

    /** A 5xx the case did not ask for (a clock-skewed token is meant to get 503), or no answer. */
    public boolean serverError() {
      return (actualStatus >= 500 && actualStatus != expectedStatus) || actualStatus < 0;
    }

    public boolean runsMatch() {
      return expectedNewRuns == actualNewRuns;
    }

    public boolean passed() {
      return statusMatches() && !serverError() && runsMatch() && leaks.isEmpty();
    }

    /** Why it failed, empty if it passed. */
    public String problems() {
      List<String> p = new ArrayList<>();
      if (!statusMatches()) {
        p.add("status " + actualStatus + " != expected " + expectedStatus);
      }
      if (serverError()) {
        p.add(transportError != null ? "no HTTP answer: " + transportError : "5xx for bad input");
      }
      if (!runsMatch()) {
        p.add("stored runs +" + actualNewRuns + " != expected +" + expectedNewRuns);
      }
      if (!leaks.isEmpty()) {
        p.add("leaked " + String.join(", ", leaks));
      }
      return String.join("; ", p);
    }
  }

  /** All verdicts of one run. */
  public record Report(String baseUrl, Instant startedAt, List<CaseResult> results) {
    public Report {
      results = List.copyOf(results);
    }

    public List<CaseResult> failures() {
      return results.stream().filter(r -> !r.passed()).toList();
    }

    public Map<String, int[]> byCategory() {
      Map<String, int[]> m = new LinkedHashMap<>();
      for (CaseResult r : results) {
        int[] c = m.computeIfAbsent(r.category(), k -> new int[2]);
        c[0]++;
        if (r.passed()) {
          c[1]++;
        }
      }
      return m;
    }
  }

  /** Runs every case in order. */
  public Report runAll(List<HostileCase> cases, CaseContext ctx, Supplier<Integer> storedRuns) {
    Instant started = Instant.now();
    List<CaseResult> results = new ArrayList<>();
    for (HostileCase c : cases) {
      results.add(run(c, ctx, storedRuns));
    }
    return new Report(ctx.baseUrl(), started, results);
  }

  /** Runs one case: its set-up requests, then the judged one. */
  public CaseResult run(HostileCase c, CaseContext ctx, Supplier<Integer> storedRuns) {
    List<HostileRequest> script = c.script().apply(ctx);
    if (script.isEmpty()) {
      throw new IllegalStateException("case " + c.name() + " sends nothing");
    }
    URI base = URI.create(ctx.baseUrl());
    int before = storedRuns.get();
    List<Integer> setup = new ArrayList<>();
    List<String> sentTokens = new ArrayList<>();
    Response last = null;
    for (int i = 0; i < script.size(); i++) {
      HostileRequest r = script.get(i);
      sentTokens.addAll(r.bearerTokens());
      Response resp = send(base, r);
      if (i < script.size() - 1) {
        setup.add(resp.status());
      } else {
        last = resp;
      }
    }
    int after = storedRuns.get();
    List<String> leaks = leaks(last, ctx.secrets(), sentTokens);
    return new CaseResult(
        c.name(),
        c.category(),
        c.why(),
        c.expectedStatus(),
        last.status(),
        c.expectedNewRuns(),
        after - before,
        setup,
        excerpt(last.body(), EXCERPT_CHARS),
        leaks,
        last.transportError());
  }

  /** Sends one request: the JDK client unless the request needs the raw socket or it refuses. */
  public Response send(URI base, HostileRequest r) {
    if (r.transport() == HostileRequest.Transport.RAW) {
      return RawHttp.send(base, r, timeout);
    }
    HttpRequest req;
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base.toString() + r.target()))
              .timeout(timeout)
              .method(
                  r.method(),
                  r.body() == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(r.body()));
      for (HostileRequest.Header h : r.headers()) {
        b.header(h.name(), h.value());
      }
      req = b.build();
    } catch (IllegalArgumentException e) {
      return RawHttp.send(base, r, timeout);
    }
    try {
      HttpResponse<byte[]> resp;
      try {
        resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
          throw e;
        }
        // the client reused a kept-alive connection the server had just closed: nothing reached
        // the server (not a byte came back), so the request is sent once more on a new one; the
        // JDK client retries only GETs itself (seen once in CI on a 401 case)
        resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
      }
      return new Response(resp.statusCode(), resp.headers().map(), resp.body(), null);
    } catch (IOException e) {
      return Response.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Response.failed("interrupted");
    }
  }

  static List<String> leaks(Response resp, List<String> secrets, List<String> tokens) {
    List<String> found = new ArrayList<>();
    String text = resp.text();
    for (String marker : TRACE_MARKERS) {
      if (text.contains(marker)) {
        found.add("stack-trace marker '" + marker.replace("\t", "\\t") + "'");
      }
    }
    for (String s : secrets) {
      if (s.length() >= 8 && text.contains(s)) {
        found.add("a secret key");
      }
    }
    for (String t : tokens) {
      if (t.length() >= 16 && text.contains(t)) {
        found.add("the bearer token");
      }
      int dot = t.lastIndexOf('.');
      if (dot > 0 && t.length() - dot > 16 && text.contains(t.substring(dot + 1))) {
        found.add("the token signature");
      }
    }
    if (text.toLowerCase(Locale.ROOT).contains("x-injected")) {
      found.add("an injected header echoed");
    }
    return found.stream().distinct().toList();
  }

  /** The first {@code max} chars as UTF-8, control characters escaped. */
  static String excerpt(byte[] body, int max) {
    String s = new String(body, 0, Math.min(body.length, max * 4), StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ report

  /** Writes {@code hostile-input.md} and {@code hostile-input.json} into {@code dir}. */
  public static List<Path> write(Report report, Path dir) {
    try {
      Files.createDirectories(dir);
      Path md = dir.resolve("hostile-input.md");
      Path json = dir.resolve("hostile-input.json");
      Files.writeString(md, markdown(report), StandardCharsets.UTF_8);
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      Files.writeString(
          json, mapper.writeValueAsString(json(report, mapper)), StandardCharsets.UTF_8);
      return List.of(md, json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the hostile-input report to " + dir, e);
    }
  }

  static String markdown(Report report) {
    StringBuilder b = new StringBuilder();
    List<CaseResult> failures = report.failures();
    b.append("# Hostile webhook input\n\n")
        .append("Chassis: `")
        .append(report.baseUrl())
        .append("`, started ")
        .append(report.startedAt())
        .append(". ")
        .append(report.results().size())
        .append(" cases, ")
        .append(report.results().size() - failures.size())
        .append(" passed, ")
        .append(failures.size())
        .append(" failed.\n\n")
        .append("A case passes when the status is the expected one, below 500, the response leaks ")
        .append("no stack trace, key, subkey or token, and the stored runs grow by exactly the ")
        .append("expected count (1 for an accepted fresh delivery, else 0).\n\n")
        .append("| Category | Cases | Passed |\n|---|---:|---:|\n");
    report
        .byCategory()
        .forEach(
            (k, v) ->
                b.append("| ")
                    .append(k)
                    .append(" | ")
                    .append(v[0])
                    .append(" | ")
                    .append(v[1])
                    .append(" |\n"));
    if (!failures.isEmpty()) {
      b.append("\n## Failures\n\n");
      for (CaseResult r : failures) {
        b.append("- **")
            .append(r.category())
            .append(" / ")
            .append(r.name())
            .append("**: ")
            .append(r.problems())
            .append(". Expected because: ")
            .append(r.why())
            .append(". Body: `")
            .append(md(r.bodyExcerpt()))
            .append("`\n");
      }
    }
    b.append("\n## All cases\n\n")
        .append(
            "| # | Category | Case | Expected | Actual | Runs (exp/act) | Leaks | Result | Body excerpt |\n")
        .append("|---:|---|---|---:|---:|---|---|---|---|\n");
    int i = 1;
    for (CaseResult r : report.results()) {
      b.append("| ")
          .append(i++)
          .append(" | ")
          .append(r.category())
          .append(" | ")
          .append(r.name())
          .append(" | ")
          .append(r.expectedStatus())
          .append(" | ")
          .append(r.actualStatus())
          .append(r.setupStatuses().isEmpty() ? "" : " (set-up " + r.setupStatuses() + ")")
          .append(" | ")
          .append(r.expectedNewRuns())
          .append('/')
          .append(r.actualNewRuns())
          .append(" | ")
          .append(r.leaks().isEmpty() ? "none" : md(String.join(", ", r.leaks())))
          .append(" | ")
          .append(r.passed() ? "pass" : "**FAIL**")
          .append(" | `")
          .append(md(abbreviate(r.bodyExcerpt(), 80)))
          .append("` |\n");
    }
    return b.toString();
  }

  private static ObjectNode json(Report report, ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("base_url", report.baseUrl());
    root.put("started_at", report.startedAt().toString());
    root.put("cases", report.results().size());
    root.put("failed", report.failures().size());
    ObjectNode cats = root.putObject("by_category");
    report.byCategory().forEach((k, v) -> cats.putObject(k).put("cases", v[0]).put("passed", v[1]));
    ArrayNode arr = root.putArray("results");
    for (CaseResult r : report.results()) {
      ObjectNode n = arr.addObject();
      n.put("name", r.name());
      n.put("category", r.category());
      n.put("why", r.why());
      n.put("expected_status", r.expectedStatus());
      n.put("actual_status", r.actualStatus());
      ArrayNode setup = n.putArray("setup_statuses");
      r.setupStatuses().forEach(setup::add);
      n.put("expected_new_runs", r.expectedNewRuns());
      n.put("actual_new_runs", r.actualNewRuns());
      ArrayNode leaks = n.putArray("leaks");
      r.leaks().forEach(leaks::add);
      n.put("body_excerpt", r.bodyExcerpt());
      if (r.transportError() != null) {
        n.put("transport_error", r.transportError());
      }
      n.put("passed", r.passed());
      if (!r.passed()) {
        n.put("problems", r.problems());
      }
    }
    return root;
  }

  private static String md(String s) {
    return s.replace("|", "\\|").replace("`", "'");
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
