package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LISTEN/NOTIFY between two adapters ("processes") on one database. Channels are database-wide, so
 * each test uses a random channel name. Waits are generous upper bounds, never timing assertions.
 */
class PostgresNotificationChannelIT {
  private static final long WAIT_SECONDS = 30;
  private static TestDatabase db;
  private static PersistenceAdapter other;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.postgres();
    other = db.openAnother();
  }

  @AfterAll
  static void stopDatabase() {
    other.close();
    db.close();
  }

  private static String randomChannel() {
    Random r = new Random();
    StringBuilder b = new StringBuilder("lb_test_");
    for (int i = 0; i < 16; i++) {
      b.append((char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  @Test
  void wakeInOneProcessRunsTheCallbackInAnother() throws Exception {
    String name = randomChannel();
    Semaphore received = new Semaphore(0);
    try (NotificationChannel listening = other.notifications(name, received::release);
        NotificationChannel sending = db.adapter.notifications(name, () -> {})) {
      sending.wake();

      assertThat(received.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(listening.name()).isEqualTo(name);
    }
  }

  @Test
  void wakeRunsTheChannelsOwnCallbackAtOnceAndItsEchoIsIgnored() throws Exception {
    String name = randomChannel();
    List<String> ownCalls = new CopyOnWriteArrayList<>();
    Thread test = Thread.currentThread();
    Semaphore ownFromListener = new Semaphore(0);
    Semaphore otherReceived = new Semaphore(0);
    try (NotificationChannel own =
            db.adapter.notifications(
                name,
                () -> {
                  boolean direct = Thread.currentThread() == test;
                  ownCalls.add(direct ? "direct" : "listener");
                  if (!direct) {
                    ownFromListener.release();
                  }
                });
        NotificationChannel another = other.notifications(name, otherReceived::release)) {
      own.wake();
      // ran on this thread before wake returned: no round trip through the database
      assertThat(ownCalls).containsExactly("direct");
      // the NOTIFY still reaches the other channels of the name
      assertThat(otherReceived.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      // and comes back to this channel's listener, which does not run the callback again
      awaitEcho((PgNotificationChannel) own);
      assertThat(ownCalls).containsExactly("direct");

      another.wake();

      assertThat(ownFromListener.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(ownCalls).containsExactly("direct", "listener");
    }
  }

  private static void awaitEcho(PgNotificationChannel channel) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (channel.echoesIgnored() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(channel.echoesIgnored()).isEqualTo(1);
  }

  @Test
  void wakeInsideACallersTransactionIsSentAtOnceOnItsOwnConnection() throws Exception {
    String name = randomChannel();
    Semaphore received = new Semaphore(0);
    try (NotificationChannel listening = other.notifications(name, received::release);
        NotificationChannel sending = db.adapter.notifications(name, () -> {})) {
      Semaphore inside = new Semaphore(0);
      db.adapter
          .unitOfWork()
          .inTransaction(
              () -> {
                sending.wake();
                try {
                  // delivered although the caller's transaction has not committed yet
                  if (received.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    inside.release();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return null;
              });

      assertThat(inside.availablePermits()).isEqualTo(1);
    }
  }

  @Test
  void aClosedChannelNoLongerRunsItsCallback() throws Exception {
    String name = randomChannel();
    Semaphore closedOne = new Semaphore(0);
    Semaphore openOne = new Semaphore(0);
    NotificationChannel closing = other.notifications(name, closedOne::release);
    try (NotificationChannel staying = other.notifications(name, openOne::release);
        NotificationChannel sending = db.adapter.notifications(name, () -> {})) {
      closing.close();
      sending.wake();

      assertThat(openOne.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(closedOne.availablePermits()).isZero();
      assertThat(staying.name()).isEqualTo(name);
    }
  }

  @Test
  void theListenerSurvivesATerminatedBackendAndHearsLaterWakes() throws Exception {
    String name = randomChannel();
    Semaphore received = new Semaphore(0);
    try (NotificationChannel listening = other.notifications(name, received::release);
        NotificationChannel sending = db.adapter.notifications(name, () -> {})) {
      PgNotificationChannel pg = (PgNotificationChannel) listening;
      int pid = pg.listenerBackendPid();
      assertThat(pid).isPositive();

      assertThat(terminate(pid)).isTrue();

      // after reconnecting the listener runs the callback once, for anything missed meanwhile
      assertThat(received.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(pg.listenerBackendPid()).isPositive().isNotEqualTo(pid);

      sending.wake();
      assertThat(received.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void theSenderSurvivesATerminatedBackendAndSendsLaterWakes() throws Exception {
    String name = randomChannel();
    Semaphore received = new Semaphore(0);
    try (NotificationChannel listening = other.notifications(name, received::release);
        NotificationChannel sending = db.adapter.notifications(name, () -> {})) {
      sending.wake();
      assertThat(received.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      PgNotificationChannel pg = (PgNotificationChannel) sending;
      int pid = pg.senderBackendPid();
      assertThat(pid).isPositive();

      assertThat(terminate(pid)).isTrue();

      // the wake that meets the dead connection is lost (a hint); a later one opens a new one
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      boolean heard = false;
      while (!heard && System.nanoTime() < deadline) {
        sending.wake();
        heard = received.tryAcquire(200, TimeUnit.MILLISECONDS);
      }
      assertThat(heard).isTrue();
      assertThat(pg.senderBackendPid()).isPositive().isNotEqualTo(pid);
    }
  }

  private static boolean terminate(int pid) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                TestDatabase.pgUrl(), TestDatabase.pgUser(), TestDatabase.pgPassword());
        PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
      s.setInt(1, pid);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
