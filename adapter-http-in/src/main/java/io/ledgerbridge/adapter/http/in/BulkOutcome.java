package io.ledgerbridge.adapter.http.in;

import static io.ledgerbridge.adapter.http.in.Html.esc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bulk console action (retry runs, requeue dead letters) did: how many it requeued and, per
 * reason, how many it refused, rendered as the result page's summary.
 */
final class BulkOutcome {
  int requeued;
  private final Map<String, Integer> refused = new LinkedHashMap<>();

  void refused(String reason) {
    refused.merge(reason, 1, Integer::sum);
  }

  int refusedCount() {
    return refused.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Whether nothing was requeued and every refusal had this one reason. */
  boolean onlyRefused(String reason) {
    return requeued == 0 && refused.keySet().equals(java.util.Set.of(reason));
  }

  /**
   * The summary: "N {one|many} requeued", then the refusals under {@code refusedHeading} (HTML,
   * already escaped) with each reason and its count.
   *
   * @param one the noun phrase for one item ("run"), {@code many} for several ("runs")
   */
  String html(String one, String many, String refusedHeading) {
    StringBuilder body = new StringBuilder(1024);
    body.append("<p class=\"notice\" role=\"status\">")
        .append(requeued)
        .append(' ')
        .append(requeued == 1 ? one : many)
        .append(" requeued")
        .append(requeued > 0 ? "; the worker picks them up now." : ".")
        .append("</p>");
    if (refusedCount() > 0) {
      body.append("<div class=\"problem\"><p>").append(refusedHeading).append("</p><ul>");
      refused.forEach(
          (reason, n) ->
              body.append("<li>").append(n).append(": ").append(esc(reason)).append("</li>"));
      body.append("</ul></div>");
    }
    return body.toString();
  }
}
