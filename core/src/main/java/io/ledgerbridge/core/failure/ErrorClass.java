package io.ledgerbridge.core.failure;

import java.util.Locale;

/** The error classes of PRODUCT §4, pushed to the store as {@code error_code}. */
public enum ErrorClass {
  AUTH,
  NOT_FOUND,
  VALIDATION,
  RATE_LIMITED,
  PROVIDER,
  HTTP,
  DATABASE,
  SERDE,
  INTERNAL;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ErrorClass fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
