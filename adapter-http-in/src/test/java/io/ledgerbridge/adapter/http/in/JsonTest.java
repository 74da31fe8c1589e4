package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static JsonNode read(String text) throws Exception {
    return Json.read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String write(JsonNode node) {
    return new String(Json.write(node), StandardCharsets.UTF_8);
  }

  @Test
  void decimalsAreReadAndWrittenExactlyInPlainNotation() throws Exception {
    String text = "{\"a\":20.00,\"b\":0.1,\"c\":1E+2,\"d\":123456789.123456789123456789}";

    assertThat(write(read(text)))
        .isEqualTo("{\"a\":20.00,\"b\":0.1,\"c\":100,\"d\":123456789.123456789123456789}");
  }

  @Test
  void toMapGivesLongsBigDecimalsOrderedMapsListsAndNulls() throws Exception {
    Map<String, Object> map =
        Json.toMap(
            read(
                "{\"n\":7,\"d\":19.990,\"huge\":99999999999999999999,\"s\":\"x\",\"t\":true,"
                    + "\"z\":null,\"o\":{\"b\":1,\"a\":2},\"l\":[1,\"2\",[3]]}"));

    assertThat(map.keySet()).containsExactly("n", "d", "huge", "s", "t", "z", "o", "l");
    assertThat(map.get("n")).isEqualTo(7L);
    assertThat(map.get("d")).isEqualTo(new BigDecimal("19.990"));
    assertThat(map.get("huge")).isEqualTo(new BigDecimal("99999999999999999999"));
    assertThat(map.get("s")).isEqualTo("x");
    assertThat(map.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(map).containsEntry("z", null);
    assertThat(map.get("o")).isInstanceOf(LinkedHashMap.class);
    assertThat(List.copyOf(((Map<?, ?>) map.get("o")).keySet())).isEqualTo(List.of("b", "a"));
    assertThat(map.get("l")).isEqualTo(List.of(1L, "2", List.of(3L)));
  }

  @Test
  void fromJavaWritesSettingsValuesAsJson() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("rate", new BigDecimal("20.00"));
    map.put("int", 5);
    map.put("set", List.of(1, 2));
    map.put("none", null);
    map.put("since", Instant.parse("2026-01-01T00:00:00Z"));
    map.put("nested", Map.of("k", true));
    map.put("array", new Object[] {"a"});

    assertThat(write(Json.fromJava(map)))
        .isEqualTo(
            "{\"rate\":20.00,\"int\":5,\"set\":[1,2],\"none\":null,"
                + "\"since\":\"2026-01-01T00:00:00Z\",\"nested\":{\"k\":true},\"array\":[\"a\"]}");
  }

  @Test
  void toMapThenFromJavaRoundTripsADocument() throws Exception {
    String text = "{\"a\":[1,2.50,{\"b\":null}],\"c\":\"d\",\"e\":false}";

    assertThat(write(Json.fromJava(Json.toMap(read(text))))).isEqualTo(text);
  }
}
