package io.ledgerbridge.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL LISTEN/NOTIFY. {@link #wake} runs this channel's own callback at once, on the caller's
 * thread (the threads of this process need no round trip through the database to hear it), flags
 * the channel and returns; a sender daemon thread sends {@code pg_notify(channel, token)} for the
 * other channels of that name, on a dedicated connection outside the pool with one prepared
 * statement (auto-commit, outside any caller transaction; plain JDBC, since the profile found the
 * pool checkout and Jdbi's statement set-up to be four fifths of a NOTIFY's cost). A failed NOTIFY
 * is logged and its connection dropped; the next wake opens a new one. The payload is this
 * channel's random token, and the listener ignores notifications carrying it: its own callback
 * already ran, and running it again would only make every woken thread look for work a second time.
 * At most one NOTIFY is in flight per channel: every wake that arrives while one is being sent is
 * merged into the next one, which starts as soon as the previous returns, so each wake is followed
 * by a NOTIFY sent after it (a signal is a hint; merging loses nothing). Under load this replaces
 * one pooled round trip per commit with one per NOTIFY latency. A second daemon thread holds one
 * dedicated connection outside the pool, runs {@code LISTEN channel} and polls for notifications,
 * running the callback once per notification. When that connection fails it reconnects with backoff
 * (100 ms doubling to 5 s) and then runs the callback once, since notifications sent while it was
 * away are gone. An idle connection is checked every 30 s so a silently dead one is noticed.
 */
final class PgNotificationChannel implements NotificationChannel {
  private static final Logger LOG = LoggerFactory.getLogger(PgNotificationChannel.class);
  static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final int POLL_MILLIS = 500;
  private static final long CHECK_IDLE_NANOS = Duration.ofSeconds(30).toNanos();

  /** Opens a new connection outside the pool. */
  interface Connector {
    Connection open() throws SQLException;
  }

  private final String name;
  private final Runnable onNotify;
  private final Connector connector;
  private final Thread listener;
  private final Thread sender;
  private final AtomicBoolean pending = new AtomicBoolean();

  /** This channel's NOTIFY payload, to recognise its own notifications when they come back. */
  private final String token = UUID.randomUUID().toString();

  private final AtomicLong echoesIgnored = new AtomicLong();

  private volatile boolean closed;
  private volatile Connection connection;
  private volatile int backendPid = -1;

  PgNotificationChannel(String name, Runnable onNotify, Connector connector) {
    this.name = NotificationChannel.checkName(name);
    this.onNotify = onNotify;
    this.connector = connector;
    try {
      connection = listen(); // listening before the constructor returns: no wake-up is missed
    } catch (SQLException e) {
      LOG.warn("cannot LISTEN on channel {} yet (SQLState {}); retrying", name, e.getSQLState());
    }
    this.listener = new Thread(this::run, "ledgerbridge-listen-" + name);
    listener.setDaemon(true);
    listener.start();
    this.sender = new Thread(this::send, "ledgerbridge-notify-" + name);
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public String name() {
    return name;
  }

  /** How many of its own notifications the listener has heard and not acted on (tests). */
  long echoesIgnored() {
    return echoesIgnored.get();
  }

  /** The listener connection's backend process id, or -1 while disconnected (tests). */
  int listenerBackendPid() {
    return backendPid;
  }

  @Override
  public void wake() {
    if (closed) {
      return;
    }
    fire();
    if (pending.compareAndSet(false, true)) {
      LockSupport.unpark(sender);
    }
  }

  /** The sender loop: one NOTIFY per batch of wakes, never two at once. */
  private void send() {
    while (!closed) {
      if (pending.getAndSet(false)) {
        notifyNow();
      } else {
        LockSupport.park(this);
      }
    }
    if (pending.getAndSet(false)) {
      notifyNow(); // a wake that raced close(): still told, as a synchronous wake would have been
    }
    closeSender();
  }

  private volatile int senderPid = -1;

  /** The sender connection's backend process id, or -1 while it has none (tests). */
  int senderBackendPid() {
    return senderPid;
  }

  /** The sender thread's own connection and statement (only that thread touches them). */
  private Connection senderConnection;

  private PreparedStatement notifyStatement;

  private void notifyNow() {
    try {
      if (notifyStatement == null) {
        senderConnection = connector.open();
        senderConnection.setAutoCommit(true);
        notifyStatement = senderConnection.prepareStatement("SELECT pg_notify(?, ?)");
        notifyStatement.setString(1, name);
        notifyStatement.setString(2, token);
        senderPid = senderConnection.unwrap(PGConnection.class).getBackendPID();
      }
      notifyStatement.executeQuery().close();
    } catch (SQLException | RuntimeException e) {
      // a lost wake-up only delays work until the next sweep; it must not fail a committed change
      LOG.warn("cannot notify channel {} (SQLState {})", name, sqlState(e));
      closeSender(); // opened again for the next wake
    }
  }

  private static String sqlState(Exception e) {
    return e instanceof SQLException sql ? sql.getSQLState() : e.getClass().getSimpleName();
  }

  private void closeSender() {
    notifyStatement = null;
    senderPid = -1;
    Connection c = senderConnection;
    senderConnection = null;
    if (c != null) {
      closeQuietly(c);
    }
  }

  private Connection listen() throws SQLException {
    Connection c = connector.open();
    try {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("LISTEN " + name); // name is checked: [a-z_]{1,63}
      }
      backendPid = c.unwrap(PGConnection.class).getBackendPID();
      return c;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private void run() {
    long backoff = MIN_BACKOFF.toMillis();
    long lastTraffic = System.nanoTime();
    while (!closed) {
      Connection c = connection;
      if (c == null) {
        try {
          c = listen();
          connection = c;
          backoff = MIN_BACKOFF.toMillis();
          lastTraffic = System.nanoTime();
          LOG.info("listening on channel {} again", name);
          fire(); // whatever was notified while disconnected
        } catch (SQLException e) {
          if (!pause(backoff)) {
            break;
          }
          backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
        continue;
      }
      try {
        PGNotification[] received = c.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (received != null && received.length > 0) {
          lastTraffic = System.nanoTime();
          for (int i = 0; i < received.length && !closed; i++) {
            if (token.equals(received[i].getParameter())) {
              echoesIgnored.incrementAndGet(); // this channel's own: its callback ran in wake()
            } else {
              fire();
            }
          }
        } else if (System.nanoTime() - lastTraffic > CHECK_IDLE_NANOS) {
          if (!c.isValid(5)) {
            throw new SQLException("listener connection is no longer valid", "08006");
          }
          lastTraffic = System.nanoTime();
        }
      } catch (SQLException e) {
        if (closed) {
          break;
        }
        LOG.warn(
            "lost the LISTEN connection for channel {} (SQLState {}); reconnecting",
            name,
            e.getSQLState());
        backendPid = -1;
        connection = null;
        closeQuietly(c);
      }
    }
    Connection last = connection;
    connection = null;
    backendPid = -1;
    if (last != null) {
      closeQuietly(last);
    }
  }

  private void fire() {
    try {
      onNotify.run();
    } catch (RuntimeException e) {
      LOG.warn("notification callback for channel {} failed", name, e);
    }
  }

  /** Sleeps unless closed; false if the channel closed meanwhile. */
  private boolean pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // only close() interrupts this thread; anything else just ends the pause early
    }
    return !closed;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException ignored) {
      // already broken or closed
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LockSupport.unpark(sender);
    listener.interrupt();
    try {
      sender.join(MAX_BACKOFF.toMillis());
      listener.join(MAX_BACKOFF.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Connection c = connection;
    if (c != null) {
      closeQuietly(c);
    }
  }
}
