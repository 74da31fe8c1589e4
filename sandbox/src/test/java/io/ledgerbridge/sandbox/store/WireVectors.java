package io.ledgerbridge.sandbox.store;

/** Values quoted from WIRE §8.2. */
final class WireVectors {
  static final String MASTER = "byte8_lk_raw_secret";
  static final String TENANT = "tenant-123";
  static final long IAT = 1767225600L;
  static final String INBOUND_TOKEN =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJieXRlOC1sZWRnZXIiLCJzdWIiOiJ0ZW5hbnQtMTIzIiwi"
          + "YXVkIjoibWFnZW50byIsImlhdCI6MTc2NzIyNTYwMCwibmJmIjoxNzY3MjI1NjAwLCJleHAiOjE3NjcyMjU5MDAs"
          + "Imp0aSI6IjVmMGMxZDJlLTNhNGItNGM1ZC04ZTZmLTdhOGI5YzBkMWUyZiJ9.jbCNXHvIk2htN50D99DIIji27M-"
          + "ztriIy1KxJWvMF0U";

  private WireVectors() {}
}
