package io.ledgerbridge.core.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.policy.SyncPolicy;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SagePaymentMethodsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "checkmo, CHECK",
    "cashondelivery, CASH",
    "banktransfer, ELECTRONIC",
    "purchaseorder, ELECTRONIC",
    "paypal_express, ONLINE_PAYMENT",
    "braintree_paypal, ONLINE_PAYMENT",
    "stripe_payments, CREDIT_DEBIT",
    "'', CREDIT_DEBIT",
    "CheckMo, CHECK"
  })
  void choosesTheBuiltInSageMethod(String storeCode, String sage) {
    assertThat(SagePaymentMethods.forStoreMethod(SyncPolicy.defaults("L"), storeCode))
        .isEqualTo(sage);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"checkmo, CASH", "stripe_payments, ONLINE_PAYMENT", "banktransfer, ELECTRONIC"})
  void thePolicyMapWinsOverTheBuiltIns(String storeCode, String sage) {
    SyncPolicy policy =
        SyncPolicy.defaults("L")
            .withSagePaymentMethodMap(
                Map.of("checkmo", "CASH", "stripe_payments", "ONLINE_PAYMENT"));
    assertThat(SagePaymentMethods.forStoreMethod(policy, storeCode)).isEqualTo(sage);
  }
}
