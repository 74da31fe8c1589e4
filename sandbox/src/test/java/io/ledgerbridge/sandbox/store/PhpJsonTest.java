package io.ledgerbridge.sandbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhpJsonTest {

  @Test
  void wholeFloatsPrintWithoutFraction() {
    assertThat(PhpJson.formatFloat(1.0)).isEqualTo("1");
    assertThat(PhpJson.formatFloat(100.0)).isEqualTo("100");
    assertThat(PhpJson.formatFloat(0.0)).isEqualTo("0");
    assertThat(PhpJson.formatFloat(-2.0)).isEqualTo("-2");
  }

  @Test
  void otherFloatsUseShortestRoundTripDigits() {
    assertThat(PhpJson.formatFloat(23.99)).isEqualTo("23.99");
    assertThat(PhpJson.formatFloat(0.2)).isEqualTo("0.2");
    assertThat(PhpJson.formatFloat(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(PhpJson.formatFloat(0.0001)).isEqualTo("0.0001");
    assertThat(PhpJson.formatFloat(1767225600.0)).isEqualTo("1767225600");
    assertThat(PhpJson.formatFloat(-4.995)).isEqualTo("-4.995");
  }

  @Test
  void extremeExponentsUsePhpScientificNotation() {
    assertThat(PhpJson.formatFloat(0.00001)).isEqualTo("1.0e-5");
    assertThat(PhpJson.formatFloat(1.5e20)).isEqualTo("1.5e+20");
  }

  @Test
  void stringsEscapeSlashesAndNonAsciiLikeJsonEncode() {
    String out =
        PhpJson.standard()
            .beginObject()
            .name("a/b")
            .value("Zoë \"x\" \\ / \n \u0001 € 😀")
            .endObject()
            .toString();
    assertThat(out)
        .isEqualTo(
            "{\"a\\/b\":\"Zo\\u00eb \\\"x\\\" \\\\ \\/ \\n \\u0001 \\u20ac \\ud83d\\ude00\"}");
  }

  @Test
  void unescapedSlashesModeKeepsSlashesButStillEscapesUnicode() {
    String out =
        PhpJson.unescapedSlashes()
            .beginArray()
            .value("a/b é")
            .value(1)
            .value(true)
            .nullValue()
            .endArray()
            .toString();
    assertThat(out).isEqualTo("[\"a/b \\u00e9\",1,true,null]");
  }

  @Test
  void phpValuesEncodeAsJsonEncodeDoes() {
    Map<String, Object> assoc = new LinkedHashMap<>();
    assoc.put("b", new BigDecimal("2.50"));
    assoc.put("a", 1.0d);
    assoc.put("n", null);
    Map<Object, Object> gap = new LinkedHashMap<>();
    gap.put(0, "x");
    gap.put(2, "y");
    Map<Object, Object> sequential = new LinkedHashMap<>();
    sequential.put("0", "x");
    sequential.put(1L, "y");
    List<Object> values =
        Arrays.asList(assoc, gap, sequential, List.of(), Map.of(), 7, 8L, false, "é/");

    String out = PhpJson.standard().phpValue(values).toString();

    assertThat(out)
        .isEqualTo(
            "[{\"b\":2.5,\"a\":1,\"n\":null},{\"0\":\"x\",\"2\":\"y\"},[\"x\",\"y\"],[],[],"
                + "7,8,false,\"\\u00e9\\/\"]");
  }
}
