package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an operator pastes into {@code bindings sage-connect --code}. */
class PastedCodeTest {
  @Test
  void theBareCodeIsTakenAsItIsTrimmed() {
    assertThat(ConnectSageService.pastedCode("  GB/0123abcd \n")).isEqualTo("GB/0123abcd");
  }

  @Test
  void aCodeCopiedFromTheAddressBarIsDecoded() {
    assertThat(ConnectSageService.pastedCode("GB%2F0123abcd")).isEqualTo("GB/0123abcd");
  }

  @Test
  void theWholeCallbackUrlGivesItsCodeParameter() {
    assertThat(
            ConnectSageService.pastedCode(
                "https://ledger.example.com/oauth/sage/callback?state=s.t&code=GB%2F0123abcd"
                    + "&country=GB"))
        .isEqualTo("GB/0123abcd");
    assertThat(
            ConnectSageService.pastedCode(
                "https://ledger.example.com/oauth/sage/callback?code=US%2Fff&state=x"))
        .isEqualTo("US/ff");
  }

  @Test
  void aStrayPercentSignIsLeftForSageToJudge() {
    assertThat(ConnectSageService.pastedCode("GB/50%off")).isEqualTo("GB/50%off");
  }
}
