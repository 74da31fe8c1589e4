package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Scripted accept use case: one run id per (tenant, key), unknown events for names the store does
 * not emit, and optional failure, vanished binding or blocking. Records every command.
 */
final class FakeAcceptWebhookUseCase implements AcceptWebhookUseCase {

  private final Map<String, UUID> runs = new ConcurrentHashMap<>();
  private final List<AcceptWebhookCommand> commands = new ArrayList<>();
  private volatile RuntimeException failure;
  private volatile boolean gone;
  private volatile CountDownLatch entered;
  private volatile CountDownLatch release;

  void failWith(RuntimeException e) {
    this.failure = e;
  }

  void bindingGone() {
    this.gone = true;
  }

  /** Makes the next calls signal {@code entered} and wait for {@code release}. */
  void block(CountDownLatch entered, CountDownLatch release) {
    this.entered = entered;
    this.release = release;
  }

  synchronized List<AcceptWebhookCommand> commands() {
    return List.copyOf(commands);
  }

  @Override
  public AcceptResult accept(AcceptWebhookCommand command) {
    synchronized (this) {
      commands.add(command);
    }
    if (entered != null) {
      entered.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test never released the use case");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    if (EventType.fromWire(command.eventName()).isEmpty()) {
      return new UnknownEvent(command.eventName());
    }
    if (gone) {
      return new NoBinding(command.tenantId());
    }
    String dedupe = command.tenantId() + "\u0000" + command.idempotencyKey();
    boolean[] fresh = {false};
    UUID id =
        runs.computeIfAbsent(
            dedupe,
            k -> {
              fresh[0] = true;
              return UUID.nameUUIDFromBytes(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
    return new Accepted(id, !fresh[0]);
  }
}
