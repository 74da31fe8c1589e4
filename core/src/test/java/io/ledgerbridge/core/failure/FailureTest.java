package io.ledgerbridge.core.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureTest {

  @Test
  void keepsWhatTheAdapterClassified() {
    Failure f =
        Failure.of(
            new TransientGatewayException(
                "sage",
                "create_sales_invoice",
                503,
                "req-1",
                ErrorClass.PROVIDER,
                "busy",
                "[]",
                null));
    assertThat(f.isTransient()).isTrue();
    assertThat(f.errorClass()).isEqualTo(ErrorClass.PROVIDER);
    assertThat(f.httpStatus()).isEqualTo(503);
    assertThat(f.responseBody()).isEqualTo("[]");
    assertThat(f.describe()).isEqualTo("provider (sage create_sales_invoice HTTP 503): busy");
  }

  @Test
  void theChassisOwnFailuresNameNoHttpStatus() {
    Failure f = Failure.permanent(ErrorClass.VALIDATION, "translate", "totals do not reconcile");
    assertThat(f.isTransient()).isFalse();
    assertThat(f.system()).isEqualTo(Failure.CHASSIS);
    assertThat(f.describe()).isEqualTo("validation (chassis translate): totals do not reconcile");
    assertThat(Failure.transientFailure(ErrorClass.INTERNAL, "sync", "x").isTransient()).isTrue();
  }
}
