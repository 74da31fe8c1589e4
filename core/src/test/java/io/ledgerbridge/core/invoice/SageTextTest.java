package io.ledgerbridge.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SageTextTest {

  @Test
  void collapsesWhitespaceIncludingNoBreakSpace() {
    assertThat(SageText.clean("  a \u00A0\t b  ")).isEqualTo("a b");
  }

  @Test
  void neverSplitsSurrogatePair() {
    String s = "ab\uD83D\uDE00";
    assertThat(SageText.truncate(s, 3)).isEqualTo("ab");
    assertThat(SageText.truncate(s, 4)).isEqualTo(s);
  }

  @Test
  void blankFieldBecomesNull() {
    assertThat(SageText.field("   ", 10)).isNull();
    assertThat(SageText.field(null, 10)).isNull();
    assertThat(SageText.field("abcdefghijkl", 10)).isEqualTo("abcdefghij");
  }

  @Test
  void referencesNeverDoublePrefix() {
    assertThat(DocumentReferences.withPrefix("MAG-", "100")).isEqualTo("MAG-100");
    assertThat(DocumentReferences.withPrefix("MAG-", "MAG-100")).isEqualTo("MAG-100");
    assertThat(DocumentReferences.withPrefix("", "100")).isEqualTo("100");
    assertThat(DocumentReferences.withPrefix(null, " 100 ")).isEqualTo("100");
  }
}
