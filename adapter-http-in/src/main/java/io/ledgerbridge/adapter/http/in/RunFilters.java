package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sync-run filters of the dashboard and the read API, parsed from query parameters. Blank
 * parameters mean "no filter". {@code event} is the wire name ({@code invoice.created}).
 */
record RunFilters(String tenant, SyncRunStatus status, EventType event, Long entity) {

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
    return new RunFilters(only, status, event, entity);
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
    return new RunFilters(tenant, status, event, entity);
  }

  RunQuery toQuery(int limit) {
    return new RunQuery(tenant, status, event == null ? null : event.wire(), entity, limit);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
