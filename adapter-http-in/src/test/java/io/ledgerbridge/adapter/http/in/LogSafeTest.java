package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

  @Test
  void escapesLineBreaksAndControlCharactersSoALogLineCannotBeForged() {
    assertThat(LogSafe.of("t1\r\nWARN fake entry\u001b[31m"))
        .isEqualTo("t1\\u000d\\u000aWARN fake entry\\u001b[31m")
        .doesNotContain("\n", "\r", "\u001b");
  }

  @Test
  void truncatesLongValues() {
    assertThat(LogSafe.of("x".repeat(500))).hasSize(LogSafe.DEFAULT_MAX + 3).endsWith("...");
  }

  @Test
  void rendersNullAsNone() {
    assertThat(LogSafe.of(null)).isEqualTo("<none>");
  }
}
