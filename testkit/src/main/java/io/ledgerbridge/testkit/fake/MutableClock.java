package io.ledgerbridge.testkit.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests set and advance by hand. Thread-safe. */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public MutableClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** 2024-03-01T10:15:30.123456Z: microsecond precision, so stores must keep sub-second parts. */
  public static MutableClock standard() {
    return new MutableClock(Instant.parse("2024-03-01T10:15:30.123456Z"));
  }

  public static MutableClock atEpochSecond(long epochSecond) {
    return new MutableClock(Instant.ofEpochSecond(epochSecond));
  }

  public void set(Instant instant) {
    now.set(instant);
  }

  public void setEpochSecond(long epochSecond) {
    now.set(Instant.ofEpochSecond(epochSecond));
  }

  public Instant advance(Duration by) {
    return now.updateAndGet(i -> i.plus(by));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId z) {
    return new MutableClock(now, z);
  }
}
