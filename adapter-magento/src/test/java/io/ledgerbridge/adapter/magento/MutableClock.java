package io.ledgerbridge.adapter.magento;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A settable UTC clock for deterministic tests. */
final class MutableClock extends Clock {
  private Instant now;

  MutableClock(Instant now) {
    this.now = now;
  }

  static MutableClock atEpochSecond(long epochSecond) {
    return new MutableClock(Instant.ofEpochSecond(epochSecond));
  }

  void set(Instant instant) {
    now = instant;
  }

  void setEpochSecond(long epochSecond) {
    now = Instant.ofEpochSecond(epochSecond);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
