package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.JobSignal;
import java.util.regex.Pattern;

/**
 * A wake-up signal shared by every process on one database: {@link #wake} (call it after commit)
 * makes every open channel of the same name run its callback. On PostgreSQL this is {@code
 * pg_notify} / {@code LISTEN} on the channel name, database-wide (not per schema); on H2 it stays
 * in this process. Signals are hints, not messages: one may be lost or coalesced, so a reader still
 * sweeps slowly. {@link #close} stops listening.
 */
public interface NotificationChannel extends JobSignal, AutoCloseable {
  /** Allowed channel names: lower-case letters and underscores, 1 to 63 of them. */
  Pattern NAME = Pattern.compile("[a-z_]{1,63}");

  /** The channel name. */
  String name();

  @Override
  void close();

  static String checkName(String channel) {
    if (channel == null || !NAME.matcher(channel).matches()) {
      throw new IllegalArgumentException("channel name must match " + NAME.pattern());
    }
    return channel;
  }
}
