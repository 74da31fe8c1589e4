package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sync-run filters of the dashboard and the read API, parsed from query parameters. Blank
 * parameters mean "no filter". {@code event} is the wire name ({@code invoice.created}); {@code
 * from} and {@code to} are UTC days ({@code 2026-04-29}), both included.
 */
record RunFilters(
    String tenant,
    SyncRunStatus status,
    EventType event,
    Long entity,
    LocalDate from,
    LocalDate to) {

  static final int MAX_TENANT_LENGTH = 128;

  /** A parameter that cannot be used; {@code message} never contains the offending value. */
  static final class BadParameter extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    BadParameter(String field, String message) {
      super(message);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  /** The same filters held to one tenant (a merchant sees only its own). */
  RunFilters forTenant(String only) {
    return new RunFilters(only, status, event, entity, from, to);
  }

  /** The same filters with any status. */
  RunFilters anyStatus() {
    return new RunFilters(tenant, null, event, entity, from, to);
  }

  /**
   * The filters as query parameters (blank ones left out), in a stable order, for links and hidden
   * form fields.
   */
  Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    if (tenant != null) {
      p.put("tenant", tenant);
    }
    if (status != null) {
      p.put("status", status.db());
    }
    if (event != null) {
      p.put("event", event.wire());
    }
    if (entity != null) {
      p.put("entity", entity.toString());
    }
    if (from != null) {
      p.put("from", from.toString());
    }
    if (to != null) {
      p.put("to", to.toString());
    }
    return p;
  }

  static RunFilters parse(Map<String, String> params) throws BadParameter {
    String tenant = blankToNull(params.get("tenant"));
    if (tenant != null && tenant.length() > MAX_TENANT_LENGTH) {
      throw new BadParameter(
          "tenant", "tenant is longer than " + MAX_TENANT_LENGTH + " characters");
    }
    SyncRunStatus status = null;
    String rawStatus = blankToNull(params.get("status"));
    if (rawStatus != null) {
      status =
          Arrays.stream(SyncRunStatus.values())
              .filter(s -> s.db().equals(rawStatus))
              .findFirst()
              .orElseThrow(
                  () ->
                      new BadParameter(
                          "status",
                          "status must be one of "
                              + Arrays.stream(SyncRunStatus.values())
                                  .map(SyncRunStatus::db)
                                  .collect(Collectors.joining(", "))));
    }
    EventType event = null;
    String rawEvent = blankToNull(params.get("event"));
    if (rawEvent != null) {
      event =
          EventType.fromWire(rawEvent)
              .orElseThrow(
                  () ->
                      new BadParameter(
                          "event",
                          "event must be one of "
                              + Arrays.stream(EventType.values())
                                  .map(EventType::wire)
                                  .collect(Collectors.joining(", "))));
    }
    Long entity = null;
    String rawEntity = blankToNull(params.get("entity"));
    if (rawEntity != null) {
      try {
        entity = Long.parseLong(rawEntity);
      } catch (NumberFormatException e) {
        throw new BadParameter("entity", "entity must be a positive integer");
      }
      if (entity <= 0) {
        throw new BadParameter("entity", "entity must be a positive integer");
      }
    }
    LocalDate from = date(params, "from", "start date");
    LocalDate to = date(params, "to", "end date");
    if (from != null && to != null && to.isBefore(from)) {
      throw new BadParameter("to", "the end date is before the start date");
    }
    return new RunFilters(tenant, status, event, entity, from, to);
  }

  private static LocalDate date(Map<String, String> params, String name, String label)
      throws BadParameter {
    String raw = blankToNull(params.get(name));
    if (raw == null) {
      return null;
    }
    try {
      LocalDate day = LocalDate.parse(raw);
      if (day.getYear() >= 1970 && day.getYear() <= 9999) {
        return day;
      }
    } catch (DateTimeParseException e) {
      // fall through
    }
    throw new BadParameter(name, "the " + label + " must be a date like 2026-04-29");
  }

  /** The runs these filters select: {@code to} includes its whole UTC day. */
  RunQuery toQuery(int limit) {
    return new RunQuery(
        tenant,
        status,
        event == null ? null : event.wire(),
        entity,
        from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
        null,
        null,
        limit);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
