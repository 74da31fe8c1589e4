package io.ledgerbridge.app.cli;

import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.OutboxMaintenance.JobState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The CLI's value types, spelled as the chassis spells them elsewhere (the database's status words,
 * the store's event names): a value that is not one of them is refused with a one-line message
 * listing those that are. Registered once on the root command ({@link #registerAll}).
 */
final class Converters {
  private Converters() {}

  static CommandLine registerAll(CommandLine cl) {
    return cl.registerConverter(UUID.class, Converters::uuid)
        .registerConverter(
            SyncRunStatus.class, new Wire<>(SyncRunStatus.values(), SyncRunStatus::db))
        .registerConverter(EventType.class, new Wire<>(EventType.values(), EventType::wire))
        .registerConverter(JobState.class, new Wire<>(JobState.values(), JobState::wire))
        .registerConverter(JobKind.class, new Wire<>(JobKind.values(), JobKind::db))
        .registerConverter(Duration.class, Converters::age)
        .registerConverter(Instant.class, Converters::instant);
  }

  static UUID uuid(String value) {
    try {
      if (value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    throw new TypeConversionException(
        "'" + value + "' is not an id (a UUID such as 3f2b6c1e-8d4a-4f0b-9c53-2a7e1d9b6f10)");
  }

  private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

  /** {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, or an ISO-8601 duration ({@code PT2H}). */
  static Duration age(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = AGE.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        case "h":
          return Duration.ofHours(n);
        default:
          return Duration.ofDays(n);
      }
    }
    try {
      Duration d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // fall through to the message below
    }
    throw new TypeConversionException(
        "'" + value + "' is not a duration (a number and s, m, h or d, such as 90s, 15m, 2h, 7d)");
  }

  /** A date ({@code 2026-01-31}, midnight UTC) or an instant ({@code 2026-01-31T10:00:00Z}). */
  static Instant instant(String value) {
    String v = value.trim();
    try {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a date (2026-01-31, UTC) or an instant (2026-01-31T10:00:00Z)");
    }
  }

  /** An enum by its wire spelling; the refusal lists the valid values. */
  static final class Wire<E> implements ITypeConverter<E> {
    private final List<E> values;
    private final Function<E, String> spelling;

    Wire(E[] values, Function<E, String> spelling) {
      this.values = Arrays.asList(values);
      this.spelling = spelling;
    }

    @Override
    public E convert(String value) {
      for (E e : values) {
        if (spelling.apply(e).equalsIgnoreCase(value.trim())) {
          return e;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not one of " + String.join(", ", names()));
    }

    List<String> names() {
      return values.stream().map(spelling).toList();
    }
  }

  /** {@code ${COMPLETION-CANDIDATES}} of a run status option. */
  static final class RunStatuses implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(SyncRunStatus.values()).map(SyncRunStatus::db).iterator();
    }
  }

  /** {@code ${COMPLETION-CANDIDATES}} of an event option. */
  static final class Events implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(EventType.values()).map(EventType::wire).iterator();
    }
  }

  /** {@code ${COMPLETION-CANDIDATES}} of a job state option. */
  static final class JobStates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(JobState.values()).map(JobState::wire).iterator();
    }
  }

  /** {@code ${COMPLETION-CANDIDATES}} of a job kind option. */
  static final class JobKinds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(JobKind.values()).map(JobKind::db).iterator();
    }
  }
}
