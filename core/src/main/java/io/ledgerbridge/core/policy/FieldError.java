package io.ledgerbridge.core.policy;

import java.util.Objects;

/**
 * One problem with a submitted policy.
 *
 * @param field the knob, in the settings' snake_case ({@code tax_rate_map.20.00})
 * @param code {@code required}, {@code invalid_format}, {@code OUT_OF_RANGE}, {@code
 *     not_in_reference}, {@code unknown_field}
 * @param message what is wrong, for a person
 */
public record FieldError(String field, String code, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
