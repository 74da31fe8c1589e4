package io.ledgerbridge.core.policy;

import java.util.List;
import java.util.Map;

/**
 * The one mapping between a policy and its settings document: a JSON-like map with the snake_case
 * knob names of PRODUCT §2 (values are Boolean, String, Number, List, Map or null). Adapters turn
 * JSON into such a map and back; the knob names, defaults and format rules live here only.
 */
public final class PolicyCodec {
  private PolicyCodec() {}

  /** Outcome of decoding a settings document. */
  public sealed interface Decoded permits Valid, Invalid {}

  public record Valid(SyncPolicy policy) implements Decoded {}

  public record Invalid(List<FieldError> errors) implements Decoded {}

  public static Decoded decode(Map<String, Object> knobs) {
    throw new UnsupportedOperationException("being implemented");
  }

  public static Map<String, Object> encode(SyncPolicy policy) {
    throw new UnsupportedOperationException("being implemented");
  }
}
