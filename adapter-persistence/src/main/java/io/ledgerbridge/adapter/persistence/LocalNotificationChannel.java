package io.ledgerbridge.adapter.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The H2 channel: one process, so {@link #wake} runs the callback directly until closed. */
final class LocalNotificationChannel implements NotificationChannel {
  private static final Logger LOG = LoggerFactory.getLogger(LocalNotificationChannel.class);

  private final String name;
  private final Runnable onNotify;
  private volatile boolean closed;

  LocalNotificationChannel(String name, Runnable onNotify) {
    this.name = NotificationChannel.checkName(name);
    this.onNotify = onNotify;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void wake() {
    if (closed) {
      return;
    }
    try {
      onNotify.run();
    } catch (RuntimeException e) {
      LOG.warn("notification callback for channel {} failed", name, e);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
