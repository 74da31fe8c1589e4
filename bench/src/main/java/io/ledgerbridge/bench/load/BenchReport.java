package io.ledgerbridge.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one scenario's result as {@code <name>.json} and {@code <name>.md}. */
final class BenchReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchReport() {}

  static Map<String, Object> header(String scenario, String substrate, Map<String, Object> params) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("scenario", scenario);
    r.put("substrate", substrate);
    r.put("started_at", Instant.now().toString());
    r.put("parameters", params);
    r.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    r.put("cpus", Runtime.getRuntime().availableProcessors());
    return r;
  }

  /** Writes the files and prints the Markdown to {@code out}; returns the JSON path. */
  static Path write(Path dir, String baseName, Map<String, Object> result, PrintStream out)
      throws IOException {
    Files.createDirectories(dir);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path json = dir.resolve(baseName + "-" + stamp + ".json");
    JSON.writeValue(json.toFile(), result);
    String md = markdown(result);
    Files.writeString(dir.resolve(baseName + "-" + stamp + ".md"), md);
    out.println(md);
    out.println("written: " + json);
    return json;
  }

  private static String markdown(Map<String, Object> result) {
    StringBuilder sb = new StringBuilder();
    sb.append("### ")
        .append(result.get("scenario"))
        .append(" on ")
        .append(result.get("substrate"))
        .append("\n\n| key | value |\n|---|---|\n");
    flatten("", result, sb);
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, StringBuilder sb) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> nested) {
        flatten(key, (Map<String, Object>) nested, sb);
      } else {
        sb.append("| ").append(key).append(" | ").append(e.getValue()).append(" |\n");
      }
    }
  }
}
