package io.ledgerbridge.core.creditnote;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.payment.SageDocumentBalance;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditNoteSettlementTest {

  private static SageDocumentBalance doc(String id, String total, String outstanding) {
    return new SageDocumentBalance(
        id, id, "c1", "GBP", null, new BigDecimal(total), new BigDecimal(outstanding), "UNPAID");
  }

  @ParameterizedTest(name = "credit {0}, invoice outstanding {1}, paid {2}")
  @CsvSource({
    // credit open, invoice outstanding ("" = offline), receipt, allocate, refund, left open
    "30.00, 120.00, false, 30.00, 0.00, 0.00",
    "30.00, 0.00, true, 0.00, 30.00, 0.00",
    "30.00, 20.00, true, 20.00, 10.00, 0.00",
    "30.00, 10.00, false, 10.00, 0.00, 20.00",
    "30.00, 0.00, false, 0.00, 0.00, 30.00",
    "30.00, , false, 0.00, 0.00, 30.00",
    "0.00, 120.00, true, 0.00, 0.00, 0.00",
    "30.00, -5.00, true, 0.00, 30.00, 0.00"
  })
  void allocatesWhatIsOutstandingRefundsWhatWasPaidAndLeavesTheRestOpen(
      String credit,
      String invoiceOutstanding,
      boolean paid,
      String allocate,
      String refund,
      String open) {
    SageDocumentBalance invoice =
        invoiceOutstanding == null ? null : doc("SI-1", "120.00", invoiceOutstanding);

    CreditNoteSettlement s =
        CreditNoteSettlement.plan(doc("SCN-1", "30.00", credit), invoice, paid);

    assertThat(s.allocate()).isEqualByComparingTo(allocate);
    assertThat(s.refund()).isEqualByComparingTo(refund);
    assertThat(s.leftOpen()).isEqualByComparingTo(open);
    assertThat(s.allocate().add(s.refund()).add(s.leftOpen()))
        .isEqualByComparingTo(new BigDecimal(credit));
  }
}
