package io.ledgerbridge.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SageTextTest {

  @Test
  void collapsesWhitespaceIncludingNoBreakSpace() {
    assertThat(SageText.clean("  a \u00A0\t b  ")).isEqualTo("a b");
  }

  @Test
  void collapsesAsTheRegularExpressionItReplacedDid() {
    Pattern former = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    char[] alphabet = {
      'a', 'b', ' ', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2007', '\u202F', '\u2003',
      '\u0001', '\u001F', '\u3000', 'é'
    };
    Random random = new Random(15);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String expected = former.matcher(text).replaceAll(" ").trim();
      assertThat(SageText.clean(text.toString())).as("[%s]", text).isEqualTo(expected);
    }
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
