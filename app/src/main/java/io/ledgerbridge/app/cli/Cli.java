package io.ledgerbridge.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the operator commands share: the chassis they open (from the environment, like {@code
 * serve}) and their machine-readable output.
 */
final class Cli {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Where the commands' configuration comes from; the CLI's tests point it at their database. */
  static volatile Supplier<AppConfig> config = AppConfig::fromEnvironment;

  /** The clock the commands run on (the system clock; tests fix it). */
  static volatile Clock clock = Clock.systemUTC();

  private Cli() {}

  /** Opens the chassis on the configured database (and Redis); starts no threads. */
  static Chassis open() {
    return Chassis.open(config.get(), clock);
  }

  /** Writes {@code value} (maps, lists, strings, numbers) as indented JSON and a line break. */
  static void printJson(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
