package io.ledgerbridge.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.app.config.AppConfig.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSetupTest {
  private static final Instant AT = Instant.parse("2026-04-29T10:11:12.345Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoggerContext context = new LoggerContext();

  private ILoggingEvent event(String message, Throwable thrown, Object... args) {
    Logger logger = context.getLogger("io.ledgerbridge.app.Chassis");
    LoggingEvent e =
        new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, thrown, args);
    e.setThreadName("ledger-worker-1");
    e.setTimeStamp(AT.toEpochMilli());
    return e;
  }

  private static String text(Encoder<ILoggingEvent> encoder, ILoggingEvent event) {
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  @Test
  void writesOneJsonObjectPerLineWithAPlainIsoTimestamp() throws Exception {
    Encoder<ILoggingEvent> encoder = LogSetup.encoder(context, LogSetup.Format.JSON);

    String line = text(encoder, event("run {} failed:\n{}", null, "r-1", "second \"line\""));

    assertThat(line).endsWith("\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
    JsonNode json = JSON.readTree(line);
    assertThat(json.get("timestamp").asText()).isEqualTo("2026-04-29T10:11:12.345Z");
    assertThat(Instant.parse(json.get("timestamp").asText())).isEqualTo(AT);
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("logger").asText()).isEqualTo("io.ledgerbridge.app.Chassis");
    assertThat(json.get("thread").asText()).isEqualTo("ledger-worker-1");
    assertThat(json.get("message").asText()).isEqualTo("run r-1 failed:\nsecond \"line\"");
    assertThat(json.has("exception")).isFalse();
  }

  @Test
  void putsTheStackTraceOfAnExceptionInTheSameLine() throws Exception {
    Encoder<ILoggingEvent> encoder = LogSetup.encoder(context, LogSetup.Format.JSON);

    String line = text(encoder, event("boom", new IllegalStateException("database down")));

    assertThat(line.lines()).hasSize(1);
    String exception = JSON.readTree(line).get("exception").asText();
    assertThat(exception)
        .startsWith("java.lang.IllegalStateException: database down")
        .contains("at io.ledgerbridge.app.cli.LogSetupTest");
  }

  @Test
  void writesTextLinesWithAnIsoDate() {
    Encoder<ILoggingEvent> encoder = LogSetup.encoder(context, LogSetup.Format.TEXT);

    assertThat(text(encoder, event("hello {}", null, "there")))
        .isEqualTo(
            "2026-04-29T10:11:12.345Z WARN  [ledger-worker-1] i.l.app.Chassis - hello there"
                + System.lineSeparator());
  }

  @Test
  void acceptsTheLevelsAndFormatsInAnyCaseWithDefaults() {
    assertThat(LogSetup.level(null)).isEqualTo(Level.INFO);
    assertThat(LogSetup.level(" debug ")).isEqualTo(Level.DEBUG);
    assertThat(LogSetup.level("off")).isEqualTo(Level.OFF);
    assertThat(LogSetup.format(null)).isEqualTo(LogSetup.Format.TEXT);
    assertThat(LogSetup.format("")).isEqualTo(LogSetup.Format.TEXT);
    assertThat(LogSetup.format("JSON")).isEqualTo(LogSetup.Format.JSON);
  }

  @Test
  void refusesAnUnknownLevelNamingTheValidOnes() {
    assertThatThrownBy(() -> LogSetup.configure(Map.of("LEDGER_LOG_LEVEL", "LOUD")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("LEDGER_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF: LOUD");
  }

  @Test
  void refusesAnUnknownFormatNamingTheValidOnes() {
    assertThatThrownBy(() -> LogSetup.configure(Map.of("LEDGER_LOG_FORMAT", "xml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("LEDGER_LOG_FORMAT must be text or json: xml");
  }

  @Test
  void listsTheLevelsLogbackKnows() {
    assertThat(LogSetup.LEVELS)
        .allSatisfy(name -> assertThat(Level.toLevel(name, null)).isNotNull())
        .isEqualTo(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"));
  }
}
