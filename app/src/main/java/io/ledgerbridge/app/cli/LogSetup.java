package io.ledgerbridge.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.ledgerbridge.app.config.AppConfig.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Logging of the command-line launcher, set up in code so that the jar carries no {@code
 * logback.xml} that would take over an embedding application's logging: one line per event on
 * stderr, as text or as one JSON object ({@code LEDGER_LOG_FORMAT}, default {@code text}), root
 * level {@code LEDGER_LOG_LEVEL} (default {@code INFO}), chatty libraries at WARN. An unknown level
 * or format is a {@link ConfigException} naming the valid ones, before anything is changed.
 */
final class LogSetup {
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level [%thread] %logger{24} - %msg%n";

  /** The levels {@code LEDGER_LOG_LEVEL} accepts, in any case. */
  static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** The formats {@code LEDGER_LOG_FORMAT} accepts, in any case. */
  enum Format {
    TEXT,
    JSON
  }

  private LogSetup() {}

  static void configure(Map<String, String> env) {
    Level level = level(env.get("LEDGER_LOG_LEVEL"));
    Format format = format(env.get("LEDGER_LOG_FORMAT"));
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding is in charge
    }
    context.reset();
    Encoder<ILoggingEvent> encoder = encoder(context, format);
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(stderr);
    root.setLevel(level);
    for (String chatty : new String[] {"com.zaxxer.hikari", "org.flywaydb", "okhttp3"}) {
      context.getLogger(chatty).setLevel(Level.WARN);
    }
  }

  /** The started encoder of {@code format}. */
  static Encoder<ILoggingEvent> encoder(LoggerContext context, Format format) {
    if (format == Format.JSON) {
      JsonLineEncoder json = new JsonLineEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(PATTERN);
    text.start();
    return text;
  }

  /** {@code LEDGER_LOG_LEVEL}: unset or blank is INFO. */
  static Level level(String raw) {
    if (raw == null || raw.isBlank()) {
      return Level.INFO;
    }
    String name = raw.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(name)) {
      throw new ConfigException(
          "LEDGER_LOG_LEVEL must be one of " + String.join(", ", LEVELS) + ": " + raw.trim());
    }
    return Level.toLevel(name);
  }

  /** {@code LEDGER_LOG_FORMAT}: unset or blank is text. */
  static Format format(String raw) {
    if (raw == null || raw.isBlank()) {
      return Format.TEXT;
    }
    for (Format f : Format.values()) {
      if (f.name().equalsIgnoreCase(raw.trim())) {
        return f;
      }
    }
    throw new ConfigException("LEDGER_LOG_FORMAT must be text or json: " + raw.trim());
  }
}
