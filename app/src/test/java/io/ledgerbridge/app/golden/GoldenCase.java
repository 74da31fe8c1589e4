package io.ledgerbridge.app.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One golden directory: the event's canonical document ({@code invoice.json} for {@code
 * invoice.created}; {@code payment.json} for {@code invoice.paid} or {@code creditmemo.json} for
 * {@code creditmemo.created}, each with an optional {@code invoice.json}: the store invoice when it
 * is not in Sage; {@code customer.json} for {@code customer.upserted}), optional {@code
 * policy.json} (settings document overriding the base policy), optional {@code context.json}, and
 * {@code expected.json} (null until generated).
 */
record GoldenCase(
    String name,
    Path dir,
    String invoiceJson,
    String paymentJson,
    String creditMemoJson,
    String customerJson,
    JsonNode policy,
    JsonNode context,
    JsonNode expected) {

  /** Case directories are {@code NN-short-name}. */
  static final Pattern CASE_DIR = Pattern.compile("\\d{2,3}-[a-z0-9-]+");

  static final String INVOICE = "invoice.json";
  static final String PAYMENT = "payment.json";
  static final String CREDIT_MEMO = "creditmemo.json";
  static final String CUSTOMER = "customer.json";
  static final String POLICY = "policy.json";
  static final String CONTEXT = "context.json";
  static final String EXPECTED = "expected.json";

  /**
   * The golden root in the source tree (surefire runs in the module directory), or {@code
   * -Dgolden.dir}.
   */
  static Path root() {
    String explicit = System.getProperty("golden.dir");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath();
    }
    Path source = Path.of("src", "test", "resources", "golden").toAbsolutePath();
    if (Files.isDirectory(source)) {
      return source;
    }
    throw new IllegalStateException("golden directory not found: " + source);
  }

  static List<Path> caseDirs() {
    try (Stream<Path> s = Files.list(root())) {
      return s.filter(Files::isDirectory)
          .filter(p -> CASE_DIR.matcher(p.getFileName().toString()).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GoldenCase load(Path dir) {
    return new GoldenCase(
        dir.getFileName().toString(),
        dir,
        readIfPresent(dir.resolve(INVOICE)),
        readIfPresent(dir.resolve(PAYMENT)),
        readIfPresent(dir.resolve(CREDIT_MEMO)),
        readIfPresent(dir.resolve(CUSTOMER)),
        json(dir.resolve(POLICY)),
        json(dir.resolve(CONTEXT)),
        json(dir.resolve(EXPECTED)));
  }

  /** The event the case previews: {@code invoice.created}, {@code invoice.paid}, ... */
  String event() {
    if (customerJson != null) {
      return "customer.upserted";
    }
    if (paymentJson != null) {
      return "invoice.paid";
    }
    return creditMemoJson != null ? "creditmemo.created" : "invoice.created";
  }

  static String readIfPresent(Path file) {
    return Files.isRegularFile(file) ? read(file) : null;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static JsonNode json(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return GoldenJson.MAPPER.readTree(read(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
