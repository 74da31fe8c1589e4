package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Without a scrape supplier there is no {@code /metrics} route. */
class MetricsRouteAbsentTest extends HttpInHarness {

  @Test
  void answers404WithoutAScrapeSupplier() throws Exception {
    assertThat(get("/metrics").statusCode()).isEqualTo(404);
  }
}
