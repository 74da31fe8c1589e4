package io.ledgerbridge.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a JSON settings document into the plain map the policy codec takes (numbers with a fraction
 * as BigDecimal, never double).
 */
public final class SettingsDocument {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SettingsDocument() {}

  public static Map<String, Object> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static Map<String, Object> parse(String json) {
    try {
      Map<String, Object> map = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
      if (map == null) {
        throw new IllegalArgumentException("the settings document must be a JSON object");
      }
      return map;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the settings document is not a JSON object: " + e.getOriginalMessage(), e);
    }
  }
}
