package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/admin-api.yaml} from drifting away from the routes and codes served here. */
class AdminApiDocTest {

  private static String doc() throws Exception {
    Path path = Path.of("..", "docs", "admin-api.yaml");
    if (!Files.exists(path)) {
      path = Path.of("docs", "admin-api.yaml");
    }
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  @Test
  void documentsEveryRouteThisAdapterServes() throws Exception {
    assertThat(doc())
        .startsWith("openapi: 3.0.")
        .contains(
            "  /admin/bindings/{tenant}/policy:",
            "  /admin/bindings/{tenant}/reference/refresh:",
            "  /admin/bindings/{tenant}/preview:",
            "  " + SyncRunsApiHandler.PATH + ":",
            "  " + SyncRunsApiHandler.PATH + "/{id}:",
            "  /healthz:",
            "  " + MetricsHandler.PATH + ":",
            "  " + WebhookHandler.PREFIX + "{tenant}/{event}:",
            "  /v1/tile/health:",
            "  " + ConsoleAuth.LOGIN + ":",
            "  " + ConsoleAuth.LOGOUT + ":",
            "  " + RunRetryHandler.RETRY + ":",
            "  " + RunRetryHandler.RETRY_MATCHING + ":",
            "  " + DeadLettersHandler.REQUEUE + ":",
            "  " + DeadLettersHandler.REQUEUE_MATCHING + ":",
            "  " + SettingsConsoleHandler.PATH + "/{tenant}:",
            "  " + BindingsConsoleHandler.PATH + "/{tenant}/disconnect:");
  }

  @Test
  void documentsEveryAdminErrorCode() throws Exception {
    assertThat(doc())
        .contains(
            "admin_api_disabled",
            "unauthorized",
            "unknown_binding",
            "not_found",
            "method_not_allowed",
            "malformed_json",
            "invalid_request",
            "body_too_large",
            "invalid_policy",
            "invalid_invoice",
            "sage_unavailable",
            "temporarily_unavailable");
  }
}
