package io.ledgerbridge.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlEntitiesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Lumaflex&trade;|Lumaflex™",
        "Tom &amp; Jerry|Tom & Jerry",
        "&lt;b&gt;|<b>",
        "&quot;q&quot; &apos;a&apos;|\"q\" 'a'",
        "&reg; &copy;|® ©",
        "Caf&eacute; &Uuml;ber|Café Über",
        "&euro;5 &pound;4|€5 £4",
        "a&mdash;b&hellip;|a—b…",
        "&#8482;|™",
        "&#x2122; &#X41;|™ A",
        "&#233;|é",
        "&#128512;|😀"
      })
  void decodesNamedAndNumericReferences(String in, String out) {
    assertThat(HtmlEntities.decode(in)).isEqualTo(out);
  }

  @Test
  void decodesNoBreakSpaceToU00A0() {
    assertThat(HtmlEntities.decode("a&nbsp;b")).isEqualTo("a\u00A0b");
  }

  @Test
  void leavesUnknownAndUnterminatedReferencesAlone() {
    assertThat(HtmlEntities.decode("&bogus; & &amp &#xZZ; &#0; &#55296;"))
        .isEqualTo("&bogus; & &amp &#xZZ; &#0; &#55296;");
  }

  @Test
  void decodesDoubleEscapedText() {
    assertThat(HtmlEntities.decode("Lumaflex&amp;trade;")).isEqualTo("Lumaflex™");
  }

  @Test
  void passesPlainTextAndNullThrough() {
    assertThat(HtmlEntities.decode("plain")).isEqualTo("plain");
    assertThat(HtmlEntities.decode(null)).isNull();
  }
}
