package io.ledgerbridge.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentRoutingTest {

  private static SyncPolicy policy(String defaultBank) {
    return SyncPolicy.defaults("L4000")
        .withMappings(
            new SyncPolicy.DefaultMappings("GB_STANDARD", "L4000", defaultBank, null, "GB_ZERO"))
        .withPaymentMethodMap(
            Map.of(
                "checkmo",
                new SyncPolicy.PaymentMapping("BANK_CHEQUES"),
                "banktransfer",
                SyncPolicy.PaymentMapping.leaveUnpaid()));
  }

  @Test
  void mappedMethodPostsToItsBank() {
    assertThat(PaymentRouting.route(policy("BANK_DEFAULT"), "checkmo"))
        .isEqualTo(new PaymentRoute.PostToBank("BANK_CHEQUES"));
  }

  @Test
  void methodMappedToNoneLeavesTheInvoiceUnpaidEvenWithADefaultBank() {
    assertThat(PaymentRouting.route(policy("BANK_DEFAULT"), "banktransfer"))
        .isEqualTo(new PaymentRoute.LeaveUnpaid("payment_method_mapped_to_none"));
  }

  @Test
  void unmappedMethodWithADefaultBankPostsToTheDefault() {
    assertThat(PaymentRouting.route(policy("BANK_DEFAULT"), "stripe"))
        .isEqualTo(new PaymentRoute.PostToBank("BANK_DEFAULT"));
  }

  @Test
  void unmappedMethodWithoutADefaultLeavesUnpaidAsNotMapped() {
    assertThat(PaymentRouting.route(policy(null), "stripe"))
        .isEqualTo(new PaymentRoute.LeaveUnpaid(SkipReason.PAYMENT_METHOD_NOT_MAPPED.code()))
        .isEqualTo(new PaymentRoute.LeaveUnpaid("payment_method_not_mapped"));
  }

  @Test
  void missingMethodCodeCountsAsUnmapped() {
    assertThat(PaymentRouting.route(policy(null), null))
        .isEqualTo(new PaymentRoute.LeaveUnpaid("payment_method_not_mapped"));
    assertThat(PaymentRouting.route(policy("BANK_DEFAULT"), null))
        .isEqualTo(new PaymentRoute.PostToBank("BANK_DEFAULT"));
  }

  @Test
  void methodCodesMatchExactly() {
    assertThat(PaymentRouting.route(policy(null), "CHECKMO"))
        .isEqualTo(new PaymentRoute.LeaveUnpaid("payment_method_not_mapped"));
  }
}
