package io.ledgerbridge.bench.reliability.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The faults a run injects, each at an offset from the moment the first invoice is raised. A
 * schedule is a plain list so that a run is repeatable: the same schedule, the same faults in the
 * same order (which worker a kill hits is drawn from the run's seed).
 */
public record FaultSchedule(String name, List<Fault> faults) {

  /** What is injected. Every kind is transient: each invoice should still end synced or skipped. */
  public enum Kind {
    /** SIGKILL a random worker process, start a replacement. */
    WORKER_KILL,
    /** Close every connection to Redis and refuse new ones for the duration. */
    REDIS_CUT,
    /** Close every connection to PostgreSQL and refuse new ones for the duration. */
    POSTGRES_CUT,
    /** The next sales invoice and contact POSTs are answered 503. */
    SAGE_503_STORM,
    /** The next sales invoice and contact POSTs are answered 429. */
    SAGE_429_STORM,
    /** The next sales invoice creates commit and then answer 500. */
    SAGE_500_AFTER_COMMIT,
    /** Every Sage request waits 1 to 2.5 s for the duration. */
    SAGE_LATENCY_SPIKE,
    /** Sage requests arriving during the window wait longer than the chassis' 30 s read timeout. */
    SAGE_TIMEOUT,
    /** Every store answers 503 (maintenance mode) for the duration. */
    STORE_UNAVAILABLE,
    /**
     * Status pushes arriving during a first window, then canonical invoice GETs arriving during a
     * second one, wait longer than the chassis' 15 s read timeout (held pushes are still applied).
     */
    STORE_TIMEOUT
  }

  /** One fault: when (after the first invoice), what, and for how long (zero for instant ones). */
  public record Fault(Duration at, Kind kind, Duration duration) {
    public Fault {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(kind, "kind");
      duration = duration == null ? Duration.ZERO : duration;
    }
  }

  public FaultSchedule {
    Objects.requireNonNull(name, "name");
    faults = faults.stream().sorted(Comparator.comparing(Fault::at)).toList();
  }

  /**
   * The full schedule for a raising phase of about {@code raising}: a worker kill every 20 s, and
   * every 12 s the next of the other kinds in turn, each kind at least once.
   */
  public static FaultSchedule full(Duration raising) {
    List<Fault> out = new ArrayList<>();
    Kind[] rotation = {
      Kind.REDIS_CUT,
      Kind.POSTGRES_CUT,
      Kind.SAGE_503_STORM,
      Kind.SAGE_429_STORM,
      Kind.SAGE_500_AFTER_COMMIT,
      Kind.SAGE_LATENCY_SPIKE,
      Kind.STORE_UNAVAILABLE,
      // the store timeout first: a Sage timeout holds the workers for 30 s, and a store timeout
      // during that time would find no request to delay
      Kind.STORE_TIMEOUT,
      Kind.SAGE_TIMEOUT
    };
    long horizon = Math.max(raising.toSeconds(), 15 + 12L * rotation.length);
    for (long s = 10; s < horizon; s += 20) {
      out.add(new Fault(Duration.ofSeconds(s), Kind.WORKER_KILL, Duration.ZERO));
    }
    int i = 0;
    for (long s = 15; s < horizon || i < rotation.length; s += 12, i++) {
      Kind k = rotation[i % rotation.length];
      out.add(new Fault(Duration.ofSeconds(s), k, durationOf(k)));
    }
    return new FaultSchedule("full", out);
  }

  /** The short CI schedule: one worker kill, one Redis cut, one Sage 503 storm. */
  public static FaultSchedule shortCi() {
    return new FaultSchedule(
        "short",
        List.of(
            new Fault(Duration.ofSeconds(4), Kind.WORKER_KILL, Duration.ZERO),
            new Fault(Duration.ofSeconds(8), Kind.REDIS_CUT, Duration.ofSeconds(3)),
            new Fault(Duration.ofSeconds(12), Kind.SAGE_503_STORM, Duration.ZERO)));
  }

  static Duration durationOf(Kind k) {
    return switch (k) {
      case REDIS_CUT, POSTGRES_CUT, STORE_UNAVAILABLE -> Duration.ofSeconds(5);
      case SAGE_LATENCY_SPIKE -> Duration.ofSeconds(6);
      case SAGE_TIMEOUT, STORE_TIMEOUT -> Duration.ofMillis(1500);
      default -> Duration.ZERO;
    };
  }
}
