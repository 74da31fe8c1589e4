package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for webhook accepts: concurrent callers share one transaction.
 *
 * <p>A caller's event goes on a queue and the caller waits. A few committer threads each take
 * whatever has queued up (at most {@code maxBatch}) and accept it with {@link
 * AcceptWebhookService#acceptAll} in one transaction; each caller is answered only once its batch
 * committed. There is no batching window: a committer that finds one event accepts it at once, so a
 * lone webhook waits for nothing, and under load the events that arrive while a batch commits form
 * the next one. Dedupe and replay answers are those of the single accept.
 *
 * <p>If a batch fails with a transient error (the database unreachable, a deadlock), every caller
 * in it gets that error (the store retries on the 503 it becomes). Any other failure might belong
 * to one event alone, so each event of the batch is then accepted on its own and only the ones that
 * fail again get their error.
 */
public final class GroupCommitAccept implements AcceptWebhookUseCase, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GroupCommitAccept.class.getName());

  private final AcceptWebhookService service;
  private final int maxBatch;
  private final IntConsumer batchSizes;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> committers = new ArrayList<>();
  private volatile boolean closed;

  private record Pending(AcceptWebhookCommand command, CompletableFuture<AcceptResult> answer) {}

  /**
   * @param committers how many batches may be in flight at once (each holds one connection)
   * @param maxBatch the most events one transaction takes
   * @param batchSizes told the size of every batch committed (a metric); may be a no-op
   */
  public GroupCommitAccept(
      AcceptWebhookService service, int committers, int maxBatch, IntConsumer batchSizes) {
    if (committers < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("committers and maxBatch must be at least 1");
    }
    this.service = service;
    this.maxBatch = maxBatch;
    this.batchSizes = batchSizes;
    for (int i = 0; i < committers; i++) {
      Thread t = new Thread(this::commitLoop, "ledger-accept-commit-" + i);
      t.setDaemon(true);
      this.committers.add(t);
      t.start();
    }
  }

  @Override
  public AcceptResult accept(AcceptWebhookCommand command) {
    if (closed) {
      return service.accept(command); // late callers while closing still get a real answer
    }
    Pending pending = new Pending(command, new CompletableFuture<>());
    queue.add(pending);
    if (closed) {
      drainInline(); // close() may have missed it
    }
    return await(pending.answer());
  }

  private static AcceptResult await(CompletableFuture<AcceptResult> answer) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return answer.get();
        } catch (InterruptedException e) {
          interrupted = true; // the event may already be committing: wait for its answer
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void commitLoop() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (!closed) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commit(batch);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException | Error e) {
        // commit() answers every caller itself; this is a bug guard so no caller waits forever
        LOG.log(Level.SEVERE, "accept committer failed", e);
        for (Pending p : batch) {
          p.answer().completeExceptionally(e);
        }
      } finally {
        batch.clear();
      }
    }
    drainInline();
  }

  /**
   * Accepts {@code commands} as one batch on the calling thread, exactly as a committer does with
   * the events it took from the queue; each future is complete when this returns.
   */
  public List<CompletableFuture<AcceptResult>> acceptTogether(List<AcceptWebhookCommand> commands) {
    List<Pending> batch = new ArrayList<>(commands.size());
    List<CompletableFuture<AcceptResult>> answers = new ArrayList<>(commands.size());
    for (AcceptWebhookCommand command : commands) {
      Pending p = new Pending(command, new CompletableFuture<>());
      batch.add(p);
      answers.add(p.answer());
    }
    if (!batch.isEmpty()) {
      commit(batch);
    }
    return answers;
  }

  private void commit(List<Pending> batch) {
    if (batch.size() == 1) {
      Pending p = batch.get(0);
      AcceptResult result;
      try {
        result = service.accept(p.command());
      } catch (RuntimeException | Error e) {
        p.answer().completeExceptionally(e);
        return;
      }
      batchSizes.accept(1); // before the answer, so a caller never sees its batch uncounted
      p.answer().complete(result);
      return;
    }
    List<AcceptWebhookCommand> commands = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      commands.add(p.command());
    }
    List<AcceptResult> results;
    try {
      results = service.acceptAll(commands);
    } catch (TransientGatewayException e) {
      for (Pending p : batch) {
        p.answer().completeExceptionally(e);
      }
      return;
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "a batch of " + batch.size() + " accepts failed; accepting them one by one",
          e);
      for (Pending p : batch) {
        one(p);
      }
      return;
    }
    batchSizes.accept(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).answer().complete(results.get(i));
    }
  }

  private void one(Pending p) {
    try {
      p.answer().complete(service.accept(p.command()));
    } catch (RuntimeException | Error e) {
      p.answer().completeExceptionally(e);
    }
  }

  /** Answers whatever is still queued, one by one on the calling thread. */
  private void drainInline() {
    Pending p;
    while ((p = queue.poll()) != null) {
      one(p);
    }
  }

  /** Stops the committers once they have answered every queued event. */
  @Override
  public void close() {
    closed = true;
    for (Thread t : committers) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    drainInline();
  }
}
