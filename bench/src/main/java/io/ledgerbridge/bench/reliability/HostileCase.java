package io.ledgerbridge.bench.reliability;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One hostile-input case.
 *
 * @param name kebab-case, unique within its category
 * @param category one of {@link HostileWebhookCases}' categories
 * @param expectedStatus what WIRE calls for on the last request (never a 5xx for bad input)
 * @param expectedNewRuns sync runs the whole script stores: 1 for an accepted fresh delivery, 0 for
 *     anything rejected
 * @param why the rule behind the expected status, for the report
 * @param script the requests, sent in order; all but the last are set-up, the last is judged
 */
public record HostileCase(
    String name,
    String category,
    int expectedStatus,
    int expectedNewRuns,
    String why,
    Function<CaseContext, List<HostileRequest>> script) {

  public HostileCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(script, "script");
    if (expectedStatus < 100 || expectedStatus > 599) {
      throw new IllegalArgumentException("bad status " + expectedStatus);
    }
    if (expectedNewRuns < 0) {
      throw new IllegalArgumentException("negative run count");
    }
  }

  /** A one-request case; it stores a run exactly when it expects 202. */
  public static HostileCase of(
      String category,
      String name,
      int expectedStatus,
      String why,
      Function<CaseContext, HostileRequest> request) {
    return new HostileCase(
        name,
        category,
        expectedStatus,
        expectedStatus == 202 ? 1 : 0,
        why,
        ctx -> List.of(request.apply(ctx)));
  }

  /** {@code category/name}, unique in the catalogue. */
  public String id() {
    return category + "/" + name;
  }

  public boolean accepted() {
    return expectedStatus / 100 == 2;
  }
}
