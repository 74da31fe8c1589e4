package io.ledgerbridge.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Logging of the command-line launcher, set up in code so that the jar carries no {@code
 * logback.xml} that would take over an embedding application's logging: one line per event on
 * stderr, root level {@code LEDGER_LOG_LEVEL} (default {@code INFO}), chatty libraries at WARN.
 */
final class LogSetup {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";

  private LogSetup() {}

  static void configure(Map<String, String> env) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding is in charge
    }
    context.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(stderr);
    root.setLevel(Level.toLevel(env.getOrDefault("LEDGER_LOG_LEVEL", "INFO"), Level.INFO));
    for (String chatty : new String[] {"com.zaxxer.hikari", "org.flywaydb", "okhttp3"}) {
      context.getLogger(chatty).setLevel(Level.WARN);
    }
  }
}
