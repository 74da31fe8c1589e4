package io.ledgerbridge.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes the policy file of {@code bindings add --policy FILE} and {@code bindings policy
 * get|set}: a thin Jackson adapter over {@link PolicyCodec}, which owns the knob names (PRODUCT §2
 * in snake_case), defaults and format rules.
 */
public final class PolicyJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private PolicyJson() {}

  public static SyncPolicy read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new PolicyException("cannot read policy file " + file + ": " + e.getMessage());
    }
  }

  /**
   * The policy in {@code json}.
   *
   * @throws PolicyException when the text is not a JSON object, or with one {@code field: code:
   *     message} line per problem the codec found
   */
  public static SyncPolicy parse(String json) {
    Object root;
    try {
      root = json == null || json.isBlank() ? null : MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new PolicyException("policy is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(root instanceof Map<?, ?> object)) {
      throw new PolicyException("policy must be a JSON object");
    }
    Map<String, Object> document = new LinkedHashMap<>();
    object.forEach((k, v) -> document.put(String.valueOf(k), v));
    PolicyCodec.Decoded decoded = PolicyCodec.decode(document);
    if (decoded instanceof PolicyCodec.Valid valid) {
      return valid.policy();
    }
    throw new PolicyException(((PolicyCodec.Invalid) decoded).errors());
  }

  /** The settings document of {@code p} ({@link PolicyCodec#encode}) as pretty JSON. */
  public static String write(SyncPolicy p) {
    try {
      return MAPPER.writeValueAsString(PolicyCodec.encode(p));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("policy cannot be written as JSON", e);
    }
  }

  /** The policy file is unusable; the message names every field and problem. */
  public static final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public PolicyException(String message) {
      super(message);
      this.errors = List.of();
    }

    public PolicyException(List<FieldError> errors) {
      super(
          "invalid policy:\n"
              + errors.stream()
                  .map(e -> e.field() + ": " + e.code() + ": " + e.message())
                  .collect(Collectors.joining("\n")));
      this.errors = List.copyOf(errors);
    }

    /** The field errors, empty when the document was not a JSON object at all. */
    public List<FieldError> errors() {
      return errors;
    }
  }
}
